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

/**
 * The audit entry of a status write: `flagged` for `needs_reauth` (detail: the reason),
 * `unflagged` back to `active` (detail: the reason it had), `status_changed` otherwise
 * (detail: the new status, and its reason).
 */
export function statusAudit(
  previous: Pick<Connection, 'status' | 'statusReason'>,
  status: ConnectionStatus,
  reason: ConnectionStatusReason | null,
): { action: 'flagged' | 'unflagged' | 'status_changed'; detail: string | null } {
  if (status === 'needs_reauth') return { action: 'flagged', detail: reason };
  if (status === 'active') return { action: 'unflagged', detail: previous.statusReason };
  return { action: 'status_changed', detail: reason ? `${status}: ${reason}` : status };
}
