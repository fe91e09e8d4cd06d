import { randomUUID } from 'node:crypto';
import type { Connection } from '../connections/connection.entity.js';
import { type RevocationJob, RevocationQueue } from '../connections/revocation-queue.js';
import type { InMemoryConnectionAuditLog } from './in-memory-audit-log.js';

interface Entry extends Omit<RevocationJob, 'claimToken'> {
  claimToken: string | null;
  nextAttemptAt: number;
  leaseUntil: number;
  lastError: string | null;
}

/** The revocation queue of `InMemoryConnectionRepository`: the TypeORM queue's contract, in memory. */
export class InMemoryRevocationQueue extends RevocationQueue {
  private entries = new Map<string, Entry>();

  constructor(private readonly audit: InMemoryConnectionAuditLog) {
    super();
  }

  /** Queues the revocation of removed connections, claimed by the caller for `leaseMs`. */
  enqueue(removed: Connection[], leaseMs: number): RevocationJob[] {
    return removed.map((connection) => {
      const { accessToken, secret, refreshToken } = connection;
      const entry: Entry = {
        id: randomUUID(),
        providerId: connection.providerId,
        providerUserId: connection.providerUserId,
        userId: connection.userId,
        connectionId: connection.id,
        attempts: 0,
        credentials: { accessToken, secret, refreshToken },
        claimToken: randomUUID(),
        nextAttemptAt: Date.now(),
        leaseUntil: Date.now() + leaseMs,
        lastError: null,
      };
      this.entries.set(entry.id, entry);
      return jobOf(entry, entry.claimToken!);
    });
  }

  /** Every waiting entry's last error, by id (for tests). */
  lastErrors(): Map<string, string | null> {
    return new Map([...this.entries].map(([id, e]) => [id, e.lastError]));
  }

  async claimDue(limit: number, leaseMs: number): Promise<RevocationJob[]> {
    const now = Date.now();
    const due = [...this.entries.values()]
      .filter((e) => e.nextAttemptAt <= now && (e.claimToken === null || e.leaseUntil < now))
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt)
      .slice(0, limit);
    return due.map((entry) => {
      entry.claimToken = randomUUID();
      entry.leaseUntil = now + leaseMs;
      return jobOf(entry, entry.claimToken);
    });
  }

  async complete(job: RevocationJob, detail?: string): Promise<boolean> {
    return this.finish(job, 'revoked', detail ?? null);
  }

  async abandon(job: RevocationJob, error: string): Promise<boolean> {
    return this.finish(job, 'revocation_failed', error);
  }

  async retryAt(job: RevocationJob, error: string, at: Date): Promise<boolean> {
    const entry = this.held(job);
    if (!entry) return false;
    Object.assign(entry, {
      attempts: job.attempts + 1,
      lastError: error.slice(0, 255),
      nextAttemptAt: at.getTime(),
      claimToken: null,
    });
    return true;
  }

  async pending(): Promise<number> {
    return this.entries.size;
  }

  /** The state to restore when a transaction fails. */
  snapshot(): () => void {
    const entries = new Map(this.entries);
    return () => {
      this.entries = entries;
    };
  }

  clear(): void {
    this.entries.clear();
  }

  private finish(
    job: RevocationJob,
    action: 'revoked' | 'revocation_failed',
    detail: string | null,
  ) {
    if (!this.held(job)) return false;
    this.entries.delete(job.id);
    this.audit.record({ action, connection: { ...job, id: job.connectionId }, detail });
    return true;
  }

  private held(job: RevocationJob): Entry | undefined {
    const entry = this.entries.get(job.id);
    return entry?.claimToken === job.claimToken ? entry : undefined;
  }
}

function jobOf(entry: Entry, claimToken: string): RevocationJob {
  const { id, providerId, providerUserId, userId, connectionId, attempts, credentials } = entry;
  return {
    id,
    providerId,
    providerUserId,
    userId,
    connectionId,
    attempts,
    credentials,
    claimToken,
  };
}
