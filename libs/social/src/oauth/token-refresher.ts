import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { runWithAuditContext } from '../connections/audit-context.js';
import type { Connection } from '../connections/connection.entity.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import type { ResolvedProviderConfig } from '../social.types.js';
import { requestRefresh } from './refresh-grant.js';

/** Refresh this long before the access token expires, so a call made now does not race it. */
const MARGIN_MS = 60_000;
/** How often a caller waiting for another instance's refresh looks again. */
const WAIT_STEP_MS = 100;

/**
 * Renews an expiring OAuth 2 access token with the connection's refresh token (RFC 6749 §6)
 * before `getApi()` hands out a client. One token call per connection at a time, across
 * processes: callers in this process share one refresh, and the instance that claims the row
 * (`ConnectionRepository.claimRefresh`) makes the call while the others wait for its tokens,
 * since a provider that rotates refresh tokens revokes the whole grant when one is used twice
 * (RFC 9700 §4.14.2). A refused refresh token sets the connection `needs_reauth`, unless it was
 * replaced meanwhile. Providers that issue no refresh token are never refreshed.
 */
@Injectable()
export class TokenRefresher {
  private readonly logger = new Logger('SocialModule');
  private readonly inFlight = new Map<string, Promise<FreshConnection>>();

  constructor(private readonly connections: ConnectionRepository) {}

  /** The connection with a usable access token, or why it can no longer get one. */
  ensureFresh(config: ResolvedProviderConfig, connection: Connection): Promise<FreshConnection> {
    if (config.protocol !== 'oauth2' || !needsRefresh(connection))
      return Promise.resolve({ kind: 'usable', connection });
    let refresh = this.inFlight.get(connection.id);
    if (!refresh) {
      refresh = this.refresh(config, connection.id).finally(() =>
        this.inFlight.delete(connection.id),
      );
      this.inFlight.set(connection.id, refresh);
    }
    return refresh;
  }

  private async refresh(config: ResolvedProviderConfig, id: string): Promise<FreshConnection> {
    const giveUpAt = Date.now() + 2 * config.timeoutMs;
    for (;;) {
      // The claim outlives the token call's deadline, so a crashed instance's claim lapses.
      const until = new Date(Date.now() + config.timeoutMs + 5_000);
      if (await this.connections.claimRefresh(id, until)) {
        try {
          return await this.refreshClaimed(config, id);
        } finally {
          await this.connections.releaseRefresh(id);
        }
      }
      // Another instance is refreshing: wait for its tokens.
      await sleep(WAIT_STEP_MS);
      const current = await this.connections.findById(id);
      if (!current || current.status !== 'active') return UNUSABLE;
      if (!needsRefresh(current) || Date.now() > giveUpAt)
        return { kind: 'usable', connection: current };
    }
  }

  /** The token call, by the one holder of the claim, on the row as it is now. */
  private async refreshClaimed(
    config: ResolvedProviderConfig,
    id: string,
  ): Promise<FreshConnection> {
    const current = await this.connections.findById(id);
    if (!current || current.status !== 'active') return UNUSABLE;
    if (!needsRefresh(current)) return { kind: 'usable', connection: current };
    const answer = await requestRefresh(config, current.refreshToken!);
    if (answer.kind === 'tokens') {
      // A rotated refresh token is stored; one not renewed is kept (updateTokens). Audited as
      // what it is: a refresh, not an update by the user.
      const connection = await runWithAuditContext({ action: 'token_refreshed' }, () =>
        this.connections.updateTokens(id, answer.tokens),
      );
      return { kind: 'usable', connection };
    }
    if (answer.kind === 'refused') {
      const changed = await this.connections.setStatus(id, 'needs_reauth', {
        reason: 'refresh_refused',
        ifRefreshToken: current.refreshToken!,
      });
      this.logger.warn(
        `${config.id}: refresh token refused; connection ${id} needs reauthorization`,
      );
      return { kind: 'unusable', changed };
    }
    // A passing failure: hand out the current token; the call may still work or fail clearly.
    this.logger.warn(`${config.id}: token refresh failed (status ${answer.status})`);
    return { kind: 'usable', connection: current };
  }
}

/**
 * What `ensureFresh` found: a connection to act with, or none, and then the row whose status
 * this call changed (for `connection.updated`), if it did.
 */
export type FreshConnection =
  { kind: 'usable'; connection: Connection } | { kind: 'unusable'; changed: Connection | null };

const UNUSABLE: FreshConnection = { kind: 'unusable', changed: null };

function needsRefresh(connection: Connection): boolean {
  const expiresAt = connection.expiresAt?.getTime();
  return (
    expiresAt !== undefined && expiresAt - Date.now() <= MARGIN_MS && !!connection.refreshToken
  );
}
