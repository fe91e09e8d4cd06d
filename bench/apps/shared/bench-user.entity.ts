import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The host app's user, the same table in both Nest apps. */
@Entity('bench_user')
export class BenchUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: String, length: 255, nullable: true })
  email: string | null;

  @Column({ type: String, length: 255, nullable: true })
  name: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
