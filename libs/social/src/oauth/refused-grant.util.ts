import type { ResolvedProviderConfig } from '../social.types.js';

/**
 * Whether an OAuth error code means the provider refused the code or refresh token (RFC 6749
 * §5.2 `invalid_grant`), or the provider's own word for it (X answers `invalid_request`).
 */
export function isRefusedGrant(
  config: Pick<ResolvedProviderConfig, 'grantRefusedErrors'> | undefined,
  error: unknown,
): boolean {
  if (typeof error !== 'string') return false;
  return error === 'invalid_grant' || (config?.grantRefusedErrors ?? []).includes(error);
}
