import { Connection } from './connections/connection.entity.js';
import { OAuthStateRecord } from './oauth/oauth-state.entity.js';

/**
 * Every entity the module owns: add them to your data source's `entities` when `autoLoadEntities`
 * is off (`OAuthStateRecord` is used with `stateStore: TypeOrmOAuthStateStore`).
 *
 * @publicApi
 */
export const SOCIAL_ENTITIES = [Connection, OAuthStateRecord];
