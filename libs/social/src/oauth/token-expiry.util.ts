/** The longest access-token lifetime taken from a provider (Facebook's long-lived tokens: 60 days). */
export const MAX_TOKEN_LIFETIME_S = 366 * 24 * 3600;

/**
 * When a token with this `expires_in` expires, or null when the provider gave no usable
 * lifetime. Clamped: `1e300` (or any lifetime past a year) is a year, so the date stays valid on
 * every database and a token is refreshed at least that often.
 */
export function expiryFromNow(expiresIn: unknown, now = Date.now()): Date | null {
  const seconds = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return null;
  return new Date(now + Math.min(seconds, MAX_TOKEN_LIFETIME_S) * 1000);
}
