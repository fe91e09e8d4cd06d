import { SocialSchema1764633600000 } from './1764633600000-social-schema.js';
import { ConnectionStatus1796200000000 } from './1796200000000-connection-status.js';
import { SocialRevocationAudit1796300000000 } from './1796300000000-social-revocation-audit.js';

/**
 * The migrations of every table the module owns, for SQLite and PostgreSQL, in order: add them
 * to your data source's `migrations` (beside your own) and run them (`migrationsRun: true`, or
 * `typeorm migration:run`) with `synchronize` off.
 *
 * @publicApi
 */
export const SOCIAL_MIGRATIONS = [
  SocialSchema1764633600000,
  // issue 11: connection status
  ConnectionStatus1796200000000,
  // issue 11: the revocation queue, the audit trail, data-deletion requests.
  SocialRevocationAudit1796300000000,
];
