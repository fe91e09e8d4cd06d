import { randomUUID } from 'node:crypto';
import { type EntityManager, IsNull, LessThan, LessThanOrEqual, type Repository } from 'typeorm';
import type { TokenCipher } from '../crypto/token-cipher.js';
import { auditInTransaction } from './audit-in-transaction.util.js';
import type { Connection } from './connection.entity.js';
import { ConnectionTokenSealer, type PlainTokens } from './connection-token-sealer.js';
import { RevocationRequest } from './revocation-request.entity.js';
import { type RevocationJob, RevocationQueue } from './revocation-queue.js';
import { inWriteTransaction } from './write-transaction.util.js';

/** The sealer of the queue's tokens: bound to `social_revocation_request` rows. */
export function revocationSealer(cipher: TokenCipher | null): ConnectionTokenSealer {
  return new ConnectionTokenSealer(cipher, 'social_revocation_request');
}

/**
 * Queues the revocation of removed connections through `manager`, inside the removal's
 * transaction. Each entry is born claimed by the caller for `leaseMs` (it tries at once, after
 * commit); should it crash, the lease lapses and a worker takes the entry.
 */
export async function enqueueRevocations(
  manager: EntityManager,
  sealer: ConnectionTokenSealer,
  removed: Array<Connection & PlainTokens>,
  leaseMs: number,
): Promise<RevocationJob[]> {
  const now = Date.now();
  const jobs: RevocationJob[] = [];
  for (const connection of removed) {
    const id = randomUUID();
    const claimToken = randomUUID();
    await manager.insert(RevocationRequest, {
      id,
      providerId: connection.providerId,
      providerUserId: connection.providerUserId,
      userId: connection.userId,
      connectionId: connection.id,
      ...sealer.seal(id, connection.userId, connection),
      attempts: 0,
      nextAttemptAt: new Date(now),
      leaseUntil: new Date(now + leaseMs),
      claimToken,
      lastError: null,
    });
    const { accessToken, secret, refreshToken } = connection;
    jobs.push({
      ...jobOf({ ...connection, id, connectionId: connection.id, attempts: 0 }, claimToken),
      credentials: { accessToken, secret, refreshToken },
    });
  }
  return jobs;
}

/** `RevocationQueue` on the `social_revocation_request` table (SQLite, PostgreSQL...). @publicApi */
export class TypeOrmRevocationQueue extends RevocationQueue {
  private readonly sealer: ConnectionTokenSealer;

  constructor(
    private readonly requests: Repository<RevocationRequest>,
    cipher: TokenCipher | null,
  ) {
    super();
    this.sealer = revocationSealer(cipher);
  }

  async claimDue(limit: number, leaseMs: number): Promise<RevocationJob[]> {
    const now = new Date();
    const due = { nextAttemptAt: LessThanOrEqual(now) };
    const candidates = await this.requests.find({
      where: [
        { ...due, leaseUntil: IsNull() },
        { ...due, leaseUntil: LessThan(now) },
      ],
      order: { nextAttemptAt: 'ASC' },
      take: limit,
    });
    const claimed: RevocationJob[] = [];
    for (const row of candidates) {
      const claimToken = randomUUID();
      // A compare-and-set on the claim read: of instances racing for the row, one changes it.
      const result = await this.requests.update(
        { id: row.id, claimToken: row.claimToken ?? IsNull(), ...due },
        { claimToken, leaseUntil: new Date(Date.now() + leaseMs) },
      );
      if ((result.affected ?? 0) > 0) claimed.push(this.open(row, claimToken));
    }
    return claimed;
  }

  complete(job: RevocationJob, detail?: string): Promise<boolean> {
    return this.finish(job, 'revoked', detail ?? null);
  }

  abandon(job: RevocationJob, error: string): Promise<boolean> {
    return this.finish(job, 'revocation_failed', error);
  }

  async retryAt(job: RevocationJob, error: string, at: Date): Promise<boolean> {
    const result = await this.requests.update(
      { id: job.id, claimToken: job.claimToken },
      {
        attempts: job.attempts + 1,
        lastError: error.slice(0, 255),
        nextAttemptAt: at,
        leaseUntil: null,
        claimToken: null,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  pending(): Promise<number> {
    return this.requests.count();
  }

  /** Deletes the entry its claimer holds and audits the outcome, in one transaction. */
  private finish(
    job: RevocationJob,
    action: 'revoked' | 'revocation_failed',
    detail: string | null,
  ) {
    return inWriteTransaction(this.requests.manager, async (manager) => {
      const result = await manager.delete(RevocationRequest, {
        id: job.id,
        claimToken: job.claimToken,
      });
      if ((result.affected ?? 0) === 0) return false;
      await auditInTransaction(manager, {
        action,
        connection: { ...job, id: job.connectionId },
        detail,
      });
      return true;
    });
  }

  private open(row: RevocationRequest, claimToken: string): RevocationJob {
    let credentials: RevocationJob['credentials'];
    try {
      const { accessToken, secret = null, refreshToken = null } = this.sealer.open(row);
      credentials = { accessToken, secret, refreshToken };
    } catch {
      credentials = null;
    }
    return { ...jobOf(row, claimToken), credentials };
  }
}

function jobOf(
  row: Pick<
    RevocationRequest,
    'id' | 'providerId' | 'providerUserId' | 'userId' | 'connectionId' | 'attempts'
  >,
  claimToken: string,
): Omit<RevocationJob, 'credentials'> {
  const { id, providerId, providerUserId, userId, connectionId, attempts } = row;
  return { id, providerId, providerUserId, userId, connectionId, attempts, claimToken };
}
