import { Injectable, Logger } from '@nestjs/common';
import type { Connection } from '../connections/connection.entity.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import type { ResolvedProviderConfig } from '../social.types.js';
import { clientCredentials } from './client-authentication.util.js';
import { isRefusedGrant } from './refused-grant.util.js';

/** Refresh this long before the access token expires, so a call made now does not race it. */
const MARGIN_MS = 60_000;

/**
 * Renews an expiring OAuth 2 access token with the connection's refresh token (RFC 6749 §6)
 * before `getApi()` hands out a client. One refresh per connection at a time in this process:
 * concurrent calls share it, since a provider may rotate the refresh token on use. A refused
 * refresh token (`invalid_grant`) flags the connection `needsReauth`.
 */
@Injectable()
export class TokenRefresher {
  private readonly logger = new Logger('SocialModule');
  private readonly inFlight = new Map<string, Promise<Connection | null>>();

  constructor(private readonly connections: ConnectionRepository) {}

  /** The connection with a usable access token, or null when it can no longer get one. */
  ensureFresh(config: ResolvedProviderConfig, connection: Connection): Promise<Connection | null> {
    const expiresAt = connection.expiresAt?.getTime();
    if (
      config.protocol !== 'oauth2' ||
      expiresAt === undefined ||
      expiresAt - Date.now() > MARGIN_MS ||
      !connection.refreshToken
    ) {
      return Promise.resolve(connection);
    }
    let refresh = this.inFlight.get(connection.id);
    if (!refresh) {
      refresh = this.refresh(config, connection).finally(() => this.inFlight.delete(connection.id));
      this.inFlight.set(connection.id, refresh);
    }
    return refresh;
  }

  private async refresh(
    config: ResolvedProviderConfig,
    connection: Connection,
  ): Promise<Connection | null> {
    // Basic or in the body, as the provider takes it (X, OpenID Connect servers: Basic).
    const client = clientCredentials(config);
    const response = await fetch(config.endpoints.tokenURL!, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        ...client.headers,
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: connection.refreshToken!,
        ...client.params,
      }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string' || !body.access_token) {
      if (isRefusedGrant(config, body.error)) {
        await this.connections.markNeedsReauth(connection.id);
        this.logger.warn(
          `${config.id}: refresh token refused; connection ${connection.id} needs reauthorization`,
        );
        return null;
      }
      // A passing failure: hand out the current token; the call may still work or fail clearly.
      this.logger.warn(`${config.id}: token refresh failed (status ${response.status})`);
      return connection;
    }
    const expiresIn = Number(body.expires_in);
    return this.connections.updateTokens(connection.id, {
      accessToken: body.access_token,
      secret: null,
      // Kept by the repository when the provider does not rotate it.
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
      expiresAt: expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000) : null,
      scope: typeof body.scope === 'string' ? body.scope : null,
    });
  }
}
