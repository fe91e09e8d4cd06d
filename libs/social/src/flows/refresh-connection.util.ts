import type { Connection } from '../connections/connection.entity.js';
import type { ConnectionRepository } from '../connections/connection.repository.js';
import { ConnectionGoneError } from '../social.exceptions.js';
import type { SocialAuthResult } from '../social.types.js';

/**
 * Stores a round trip's fresh tokens and profile values on an existing connection (Flask-Social
 * #31: a login refreshes them); null when the row was removed meanwhile (a disconnect in
 * another tab while the provider answered).
 */
export async function refreshConnection(
  connections: ConnectionRepository,
  connection: Connection,
  { profile, tokens }: SocialAuthResult,
): Promise<Connection | null> {
  const { providerUserId: _id, providerId: _p, emailVerified: _v, ...values } = profile;
  try {
    return await connections.updateTokensOf(connection, tokens, values);
  } catch (error) {
    if (error instanceof ConnectionGoneError) return null;
    throw error;
  }
}
