import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A provider's data-deletion request (Facebook's data deletion callback) and what came of it,
 * looked up by its confirmation code on the status page. Holds no user id.
 *
 * @publicApi
 */
@Entity('social_data_deletion')
export class DataDeletionRequest {
  /** The confirmation code handed to the provider (random, URL-safe). */
  @PrimaryColumn({ type: String, length: 64 })
  confirmationCode: string;

  @Column({ type: String, length: 64 })
  providerId: string;

  /** `completed`: the connections of the account were removed (or there were none). */
  @Column({ type: String, length: 16 })
  status: 'completed';

  @Column({ type: Number, default: 0 })
  connectionsRemoved: number;

  @CreateDateColumn()
  requestedAt: Date;
}
