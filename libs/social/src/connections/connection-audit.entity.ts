import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What happened to a connection. @publicApi */
export type ConnectionAuditAction =
  | 'created'
  | 'updated'
  | 'token_refreshed'
  | 'flagged'
  | 'unflagged'
  | 'status_changed'
  | 'reencrypted'
  | 'removed'
  | 'revoked'
  | 'revocation_failed';

/** Who made a change: the user (a request of theirs), the provider (a callback), or a job. @publicApi */
export type ConnectionAuditActor = 'user' | 'provider' | 'system';

/**
 * One change of a connection, written in the same transaction as the change: who, what, when,
 * and which request or job. Never a token. Kept `audit.retentionDays` (pruned by the module's
 * worker). The id grows with every entry: the trail reads newest first by it.
 *
 * @publicApi
 */
@Entity('social_connection_audit')
@Index('IDX_social_connection_audit_user', ['userId', 'id'])
@Index('IDX_social_connection_audit_created', ['createdAt'])
export class ConnectionAuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 255 })
  userId: string;

  @Column({ type: String, length: 16 })
  actor: ConnectionAuditActor;

  @Column({ type: String, length: 32 })
  action: ConnectionAuditAction;

  @Column({ type: String, length: 64 })
  providerId: string;

  @Column({ type: String, length: 255 })
  providerUserId: string;

  @Column({ type: String, length: 36 })
  connectionId: string;

  /** Why, in a word or two (`deauthorized`, `refresh_refused`, a provider's HTTP status...). */
  @Column({ type: String, length: 255, nullable: true })
  detail: string | null;

  /** The HTTP request that made the change (its `X-Request-Id`, or one generated). */
  @Column({ type: String, length: 64, nullable: true })
  requestId: string | null;

  /** The job that made the change (`revocation:<id>`, `reencrypt`...). */
  @Column({ type: String, length: 64, nullable: true })
  jobId: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
