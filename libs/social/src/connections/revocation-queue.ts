import type { ConnectionCredentials } from '../social.types.js';

/** A removed connection's grant to revoke, as claimed by one instance. @publicApi */
export interface RevocationJob {
  /** The queue entry's id. */
  id: string;
  providerId: string;
  providerUserId: string;
  userId: string;
  /** The id the removed connection had. */
  connectionId: string;
  /** Attempts made before this one. */
  attempts: number;
  /** The tokens to revoke; null when they no longer decrypt (nothing can be sent then). */
  credentials: ConnectionCredentials | null;
  /** The claim: only its holder may complete or reschedule the entry. */
  claimToken: string;
}

/**
 * The durable queue of revocations at the provider (`social_revocation_request`). Entries are
 * written by `ConnectionRepository.removeMatching` in the removal's own transaction, and
 * worked off by the module's revocation worker, which claims each one for exactly one instance.
 *
 * @publicApi
 */
export abstract class RevocationQueue {
  /**
   * Claims up to `limit` entries that are due and not held by anyone (or whose holder's lease
   * lapsed), for `leaseMs`: of concurrent callers, across instances, exactly one gets each entry.
   */
  abstract claimDue(limit: number, leaseMs: number): Promise<RevocationJob[]>;

  /**
   * The provider confirmed the revocation (or said the token is no longer valid): the entry is
   * deleted and `revoked` audited, in one transaction. False when the claim was lost meanwhile.
   */
  abstract complete(job: RevocationJob, detail?: string): Promise<boolean>;

  /** An attempt failed: counted, `error` kept, tried again from `at`; the claim is released. */
  abstract retryAt(job: RevocationJob, error: string, at: Date): Promise<boolean>;

  /** The last attempt failed: the entry is deleted and `revocation_failed` audited. */
  abstract abandon(job: RevocationJob, error: string): Promise<boolean>;

  /** How many entries wait (claimed ones included). */
  abstract pending(): Promise<number>;
}
