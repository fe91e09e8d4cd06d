import { Inject, Injectable, Logger } from '@nestjs/common';
import { runWithAuditContext } from '../connections/audit-context.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import type { RevocationJob, RevocationQueue } from '../connections/revocation-queue.js';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import type { EnabledProvider } from '../providers/provider-definition.interface.js';
import { ProviderStrategies } from '../providers/provider-strategies.js';
import { RevocationFailedError } from '../providers/revocation-answer.util.js';
import {
  ConnectionRevocationFailedEvent,
  ConnectionRevokedEvent,
  type RevocationState,
  SocialEvent,
} from '../social.events.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import { SocialEventPublisher } from './social-event.publisher.js';
import { SocialUsersRef } from './social-users.ref.js';

/**
 * One attempt at revoking a queued grant at its provider, and what follows from its answer:
 * the entry completed (`revoked` audited), rescheduled with exponential backoff and jitter, or
 * given up after `revocation.maxAttempts` (logged, audited, `connection.revocation_failed`).
 */
@Injectable()
export class RevocationRunner {
  private readonly logger = new Logger('SocialModule');

  constructor(
    @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
    private readonly connections: ConnectionRepository,
    private readonly strategies: ProviderStrategies,
    private readonly users: SocialUsersRef,
    private readonly events: SocialEventPublisher,
  ) {}

  /** How long an attempt may hold an entry: past every provider call's deadline. */
  get leaseMs(): number {
    return 3 * this.options.providerTimeoutMs + 5_000;
  }

  /**
   * Tries `job` now. `inline`: at the disconnect itself, whose `connection.removed` says the
   * outcome; otherwise a worker's attempt, which emits `connection.revoked` when it succeeds.
   */
  async attempt(
    queue: RevocationQueue,
    job: RevocationJob,
    { inline }: { inline: boolean },
  ): Promise<RevocationState> {
    const provider = this.strategies.find(job.providerId);
    let failure: string;
    try {
      const detail = await this.revoke(provider, job);
      if (!(await queue.complete(job, detail))) return 'pending';
      if (!inline) this.emitRevoked(job);
      return true;
    } catch (error) {
      failure = describe(error);
    }
    return this.failed(queue, job, failure, inline);
  }

  /** Calls the provider; the detail to audit when it confirmed, or throws. */
  private async revoke(provider: EnabledProvider | undefined, job: RevocationJob) {
    if (!provider?.definition.revoke || !provider.config.endpoints.revokeURL) {
      throw new Error(`provider ${job.providerId} is not enabled with a revocation endpoint`);
    }
    if (!job.credentials) throw new Error('the queued tokens do not decrypt');
    try {
      await provider.definition.revoke(provider.config, job.credentials);
      return undefined;
    } catch (error) {
      // Nothing left to revoke (expired, revoked already): the grant is over either way.
      if (error instanceof RevocationFailedError && error.tokenInvalid)
        return 'token_already_invalid';
      throw error;
    }
  }

  private async failed(
    queue: RevocationQueue,
    job: RevocationJob,
    failure: string,
    inline: boolean,
  ): Promise<RevocationState> {
    const attempts = job.attempts + 1;
    const { maxAttempts } = this.options.revocation;
    if (attempts < maxAttempts) {
      await queue.retryAt(job, failure, new Date(Date.now() + this.backoffMs(attempts)));
      this.logger.warn(
        `${job.providerId}: revocation of removed connection ${job.connectionId} failed ` +
          `(${failure}); attempt ${attempts} of ${maxAttempts}, queued for retry`,
      );
      return 'pending';
    }
    if (await queue.abandon(job, failure)) {
      this.logger.error(
        `${job.providerId}: gave up revoking removed connection ${job.connectionId} after ` +
          `${attempts} attempts (${failure}); revoke it at the provider by hand`,
      );
      if (!inline) this.emitFailed(job, attempts, failure);
    }
    return false;
  }

  /** `baseDelayMs · 2^(failures-1)`, capped at `maxDelayMs`, then "equal jitter" (½ to 1×). */
  private backoffMs(failures: number): number {
    const { baseDelayMs, maxDelayMs } = this.options.revocation;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(failures - 1, 30));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  private emitRevoked(job: RevocationJob) {
    void this.emitFor(job, (user) => [
      SocialEvent.ConnectionRevoked,
      new ConnectionRevokedEvent(
        user,
        job.providerId,
        job.providerUserId,
        job.connectionId,
        job.attempts + 1,
        new Date(),
      ),
    ]);
  }

  private emitFailed(job: RevocationJob, attempts: number, error: string) {
    void this.emitFor(job, (user) => [
      SocialEvent.ConnectionRevocationFailed,
      new ConnectionRevocationFailedEvent(
        user,
        job.providerId,
        job.providerUserId,
        job.connectionId,
        attempts,
        error,
      ),
    ]);
  }

  private async emitFor(job: RevocationJob, event: (user: unknown) => [string, object]) {
    try {
      const user = await (await this.users.get()).findUser(job.userId);
      this.events.emit(...event(user));
    } catch (error) {
      this.logger.error(
        `Could not emit the revocation event of ${job.connectionId}`,
        String(error),
      );
    }
  }
}

/** What to keep of a failure: a status or an error name, never token material. */
function describe(error: unknown): string {
  if (error instanceof RevocationFailedError) return error.message;
  if (error instanceof Error) {
    return error.name === 'Error' ? error.message.slice(0, 200) : error.name;
  }
  return 'unknown error';
}

/** Runs a worker's attempts as a job in the audit trail. */
export function asRevocationJob<T>(job: RevocationJob, work: () => Promise<T>): Promise<T> {
  return runWithAuditContext(
    { actor: 'system', jobId: `revocation:${job.id}`, requestId: undefined },
    work,
  );
}
