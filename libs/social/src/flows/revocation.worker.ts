import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { runWithAuditContext } from '../connections/audit-context.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import { asRevocationJob, RevocationRunner } from './revocation.runner.js';

/** How often the worker prunes the audit trail past its retention. */
const PRUNE_EVERY_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Works off the revocation queue in every instance: each `revocation.intervalMs` it claims the
 * due entries (each one by exactly one instance: see `RevocationQueue.claimDue`) and revokes
 * them; hourly it prunes the audit trail past `audit.retentionDays`. With `intervalMs: 0` no
 * timer runs: call `runOnce()` from a job of your own.
 *
 * @publicApi
 */
@Injectable()
export class RevocationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SocialModule');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private lastPrune = 0;

  constructor(
    @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
    private readonly connections: ConnectionRepository,
    private readonly runner: RevocationRunner,
  ) {}

  onApplicationBootstrap(): void {
    const { intervalMs } = this.options.revocation;
    if (intervalMs === 0) return;
    // Unref'd: the worker never keeps a process alive that is otherwise done.
    this.timer = setInterval(() => void this.tick(), intervalMs).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * One round: the due revocations, then the audit pruning when it is due. Resolves when done;
   * a round already under way in this process is joined, not doubled.
   */
  runOnce(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async tick() {
    try {
      await this.runOnce();
    } catch (error) {
      // A database outage: the entries wait in the table for the next round.
      this.logger.warn(`Revocation worker round failed (${(error as Error).name}); will retry`);
    }
  }

  private async round() {
    const queue = this.connections.revocationQueue();
    if (queue) {
      const { batchSize } = this.options.revocation;
      const jobs = await queue.claimDue(batchSize, this.runner.leaseMs);
      for (const job of jobs) {
        await asRevocationJob(job, () => this.runner.attempt(queue, job, { inline: false }));
      }
    }
    await this.pruneWhenDue();
  }

  private async pruneWhenDue() {
    const log = this.connections.auditLog();
    if (!log || Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const before = new Date(Date.now() - this.options.audit.retentionDays * DAY_MS);
    const pruned = await runWithAuditContext({ actor: 'system', jobId: 'audit-prune' }, () =>
      log.prune(before),
    );
    if (pruned > 0)
      this.logger.log(`Pruned ${pruned} audit entries older than ${before.toISOString()}`);
  }
}
