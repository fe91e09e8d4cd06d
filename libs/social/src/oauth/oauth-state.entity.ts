import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A pending OAuth round trip, for `TypeOrmOAuthStateStore`: taken (deleted) by its callback,
 * or swept once expired. Never read any other way.
 *
 * @publicApi
 */
@Entity('social_oauth_state')
@Index('IDX_social_oauth_state_expires', ['expiresAt'])
export class OAuthStateRecord {
  @PrimaryColumn({ type: String, length: 64 })
  providerId: string;

  /** OAuth 2 `state` or OAuth 1.0a request token. */
  @PrimaryColumn({ type: String, length: 512 })
  handle: string;

  /** Hash of the session that started it (see `sessionBinding`). */
  @Column({ type: String, length: 64 })
  binding: string;

  /** Flow, user, `next`, verifier or token secret, nonce: JSON, encrypted when keys are set. */
  @Column({ type: 'text' })
  payload: string;

  /** Epoch milliseconds (a number, so every driver compares it the same way). */
  @Column({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  expiresAt: number;
}
