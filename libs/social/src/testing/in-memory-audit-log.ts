import { type AuditChange, auditRows } from '../connections/audit-in-transaction.util.js';
import {
  type AuditTrailPage,
  ConnectionAuditLog,
  pageLimit,
} from '../connections/connection-audit-log.js';
import type { ConnectionAuditEntry } from '../connections/connection-audit.entity.js';
import type { DataDeletionRequest } from '../connections/data-deletion-request.entity.js';

/** The audit trail of `InMemoryConnectionRepository`: the TypeORM log's contract, in memory. */
export class InMemoryConnectionAuditLog extends ConnectionAuditLog {
  private entries: ConnectionAuditEntry[] = [];
  private deletions = new Map<string, DataDeletionRequest>();
  private nextId = 1;

  /** Records changes, with who and which request or job from the audit context. */
  record(changes: AuditChange | AuditChange[]): void {
    const createdAt = new Date();
    for (const row of auditRows(changes))
      this.entries.push({ ...row, id: this.nextId++, createdAt });
  }

  async trail(userId: string, page: AuditTrailPage = {}): Promise<ConnectionAuditEntry[]> {
    return this.entries
      .filter((e) => e.userId === userId && (page.before === undefined || e.id < page.before))
      .reverse()
      .slice(0, pageLimit(page))
      .map((e) => ({ ...e }));
  }

  async prune(before: Date): Promise<number> {
    const kept = this.entries.filter((e) => e.createdAt >= before);
    const pruned = this.entries.length - kept.length;
    this.entries = kept;
    return pruned;
  }

  async recordDataDeletion(request: Omit<DataDeletionRequest, 'requestedAt'>): Promise<void> {
    this.deletions.set(request.confirmationCode, { ...request, requestedAt: new Date() });
  }

  async findDataDeletion(code: string): Promise<DataDeletionRequest | null> {
    return this.deletions.get(code) ?? null;
  }

  /** The state to restore when a transaction fails. */
  snapshot(): () => void {
    const entries = [...this.entries];
    return () => {
      this.entries = entries;
    };
  }

  clear(): void {
    this.entries = [];
    this.deletions.clear();
  }
}
