import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A local account of the sample app (the part Flask-Security played). */
@Entity('sample_user')
export class User {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 255, unique: true })
  email: string;

  /** argon2id hash (PHC string); null for an account made through a provider. */
  @Column({ type: String, length: 255, nullable: true })
  passwordHash: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
