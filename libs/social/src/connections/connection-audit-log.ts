import { LessThan, type Repository } from 'typeorm';
import { ConnectionAuditEntry } from './connection-audit.entity.js';
import { DataDeletionRequest } from './data-deletion-request.entity.js';

/** A page of a user's audit trail: `before` is the id of the last entry of the previous page. @publicApi */
export interface AuditTrailPage {
  /** At most this many entries. @default 50 (at most 500) */
  limit?: number;
  /** Only entries older than the one with this id. */
  before?: number;
}

/** The most entries one page holds. */
const MAX_PAGE = 500;

/**
 * Reads the audit trail the repository writes (`social_connection_audit`), and prunes it.
 *
 * @publicApi
 */
export abstract class ConnectionAuditLog {
  /** The user's entries, newest first. */
  abstract trail(userId: string, page?: AuditTrailPage): Promise<ConnectionAuditEntry[]>;

  /** Deletes the entries (and data-deletion requests) written before `before`; the number deleted. */
  abstract prune(before: Date): Promise<number>;

  /** Keeps a provider's data-deletion request for its status page. */
  abstract recordDataDeletion(request: Omit<DataDeletionRequest, 'requestedAt'>): Promise<void>;

  /** A data-deletion request by its confirmation code, or null. */
  abstract findDataDeletion(confirmationCode: string): Promise<DataDeletionRequest | null>;
}

/** The page size asked for, within bounds. */
export function pageLimit(page: AuditTrailPage): number {
  const limit = page.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
  return Math.min(limit, MAX_PAGE);
}

/** `ConnectionAuditLog` on TypeORM. @publicApi */
export class TypeOrmConnectionAuditLog extends ConnectionAuditLog {
  constructor(
    private readonly entries: Repository<ConnectionAuditEntry>,
    private readonly deletions = entries.manager.getRepository(DataDeletionRequest),
  ) {
    super();
  }

  trail(userId: string, page: AuditTrailPage = {}): Promise<ConnectionAuditEntry[]> {
    return this.entries.find({
      where: { userId, ...(page.before === undefined ? {} : { id: LessThan(page.before) }) },
      order: { id: 'DESC' },
      take: pageLimit(page),
    });
  }

  async prune(before: Date): Promise<number> {
    const result = await this.entries.delete({ createdAt: LessThan(before) });
    const deletions = await this.deletions.delete({ requestedAt: LessThan(before) });
    return (result.affected ?? 0) + (deletions.affected ?? 0);
  }

  async recordDataDeletion(request: Omit<DataDeletionRequest, 'requestedAt'>): Promise<void> {
    await this.deletions.insert({ ...request, requestedAt: new Date() });
  }

  findDataDeletion(confirmationCode: string): Promise<DataDeletionRequest | null> {
    return this.deletions.findOneBy({ confirmationCode });
  }
}
