import { SocialSchema1764633600000 } from './1764633600000-social-schema.js';
import { ConnectionStatus1796200000000 } from './1796200000000-connection-status.js';

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
];
