import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { BenchUser } from '../shared/bench-user.entity.js';

/** A user's provider account and its tokens, one row per (provider, account id). */
@Entity('bench_account')
@Unique(['provider', 'providerAccountId'])
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => BenchUser, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'userId' })
  user: BenchUser;

  @Column({ type: String, length: 64 })
  provider: string;

  @Column({ type: String, length: 255 })
  providerAccountId: string;

  @Column({ type: 'text' })
  accessToken: string;

  @Column({ type: 'text', nullable: true })
  refreshToken: string | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
