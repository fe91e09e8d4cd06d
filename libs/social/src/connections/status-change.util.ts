import type { Connection, ConnectionStatus, ConnectionStatusReason } from './connection.entity.js';
import type { StatusChange } from './connection.repository.js';

/**
 * The reason to store when `change` applies to a connection as it is now, or undefined when it
 * does not: its guards fail, or the connection already has that status for that reason. Shared
 * by every `ConnectionRepository`, so they agree on when a status write happens.
 *
 * @param tokens the row's tokens in plaintext, or null when they do not open
 */
export function applicableReason(
  current: Pick<Connection, 'status' | 'statusReason'>,
  tokens: { accessToken: string; refreshToken: string | null } | null,
  status: ConnectionStatus,
  change: StatusChange = {},
): ConnectionStatusReason | null | undefined {
  const reason = status === 'active' ? null : (change.reason ?? null);
  if (current.status === status && current.statusReason === reason) return undefined;
  if (change.ifStatus && !change.ifStatus.includes(current.status)) return undefined;
  if (change.ifAccessToken !== undefined && tokens?.accessToken !== change.ifAccessToken)
    return undefined;
  if (
    change.ifRefreshToken !== undefined &&
    (tokens?.refreshToken ?? null) !== change.ifRefreshToken
  )
    return undefined;
  return reason;
}
