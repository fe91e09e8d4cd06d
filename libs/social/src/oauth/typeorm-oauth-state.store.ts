import type { Request } from 'express';
import { LessThan, type Repository } from 'typeorm';
import type { TokenCipher } from '../crypto/token-cipher.js';
import { OAuthStateRecord } from './oauth-state.entity.js';
import { OAuthStateStore, type PendingRoundTrip } from './oauth-state.store.js';
import { RoundTripCodec } from './round-trip-codec.js';
import { sessionBinding } from './session-binding.util.js';

/** How often a store sweeps expired round trips out of the table (at most). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Pending round trips in the `social_oauth_state` table, for several instances behind one
 * load balancer: any instance can take any callback, and no round trip is ever taken twice.
 * The take is one atomic step: a `DELETE … RETURNING` where the database has it (PostgreSQL),
 * elsewhere a read and a `DELETE` whose affected-row count says who won.
 *
 * @publicApi
 */
export class TypeOrmOAuthStateStore extends OAuthStateStore {
  private readonly codec: RoundTripCodec;
  private lastSweep = 0;

  constructor(
    private readonly records: Repository<OAuthStateRecord>,
    cipher: TokenCipher | null,
  ) {
    super();
    this.codec = new RoundTripCodec(cipher);
  }

  async save(req: Request, roundTrip: PendingRoundTrip): Promise<void> {
    await this.records.insert(this.codec.encode(roundTrip, sessionBinding(req)));
    await this.sweepNowAndThen();
  }

  async take(req: Request, providerId: string, handle: string): Promise<PendingRoundTrip | null> {
    const binding = sessionBinding(req);
    const stored = await this.remove(providerId, handle);
    return stored ? this.codec.decode(stored, binding) : null;
  }

  /** Deletes the record and returns it, to exactly one of any number of concurrent callers. */
  private async remove(providerId: string, handle: string): Promise<OAuthStateRecord | null> {
    if (this.records.manager.connection.driver.isReturningSqlSupported('delete')) {
      const result = await this.records
        .createQueryBuilder()
        .delete()
        .where({ providerId, handle })
        .returning('*')
        .execute();
      const [row] = (result.raw ?? []) as OAuthStateRecord[];
      return row ? this.records.create({ ...row, expiresAt: Number(row.expiresAt) }) : null;
    }
    const row = await this.records.findOneBy({ providerId, handle });
    if (!row) return null;
    const deleted = await this.records.delete({ providerId, handle });
    return deleted.affected === 1 ? row : null;
  }

  /** Expired round trips are never taken: sweep them, about once a minute per instance. */
  private async sweepNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    await this.records.delete({ expiresAt: LessThan(now) });
  }
}
