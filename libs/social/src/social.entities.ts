import { ConnectionAuditEntry } from './connections/connection-audit.entity.js';
import { Connection } from './connections/connection.entity.js';
import { DataDeletionRequest } from './connections/data-deletion-request.entity.js';
import { RevocationRequest } from './connections/revocation-request.entity.js';
import { OAuthStateRecord } from './oauth/oauth-state.entity.js';

/**
 * Every entity the module owns: add them to your data source's `entities` when `autoLoadEntities`
 * is off (`OAuthStateRecord` is used with `stateStore: TypeOrmOAuthStateStore`; the revocation
 * queue, audit trail and data-deletion tables with the default connection repository).
 *
 * @publicApi
 */
export const SOCIAL_ENTITIES = [
  Connection,
  OAuthStateRecord,
  // Issue 11: written with the connections by TypeOrmConnectionRepository.
  RevocationRequest,
  ConnectionAuditEntry,
  DataDeletionRequest,
];
