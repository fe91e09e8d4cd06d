import type { ConnectionTokens, ProfileValues } from '../social.types.js';
import type { Connection } from './connection.entity.js';

/** What `ConnectionRepository.createConnection` takes. */
export interface NewConnection extends ProfileValues, ConnectionTokens {
  userId: string;
  providerId: string;
}

/** A connection as it may leave the server: in events and JSON answers. No tokens, ever. */
export type PublicConnection = Omit<
  Connection,
  'accessToken' | 'secret' | 'refreshToken' | 'encKeyId' | 'refreshLeaseUntil'
>;

/** Strips the tokens (and the id of the key they are encrypted with) off a connection. */
export function toPublicConnection(connection: Connection): PublicConnection {
  const {
    accessToken: _a,
    secret: _s,
    refreshToken: _r,
    encKeyId: _k,
    refreshLeaseUntil: _l,
    ...rest
  } = connection;
  return { ...rest };
}
