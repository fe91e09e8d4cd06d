import type { ConnectionCredentials, ResolvedProviderConfig } from '../social.types.js';
import { oauth1AuthorizationHeader } from './oauth1-signature.util.js';
import { checkRevocationAnswer, type TokenInvalidCheck } from './revocation-answer.util.js';

/** Twitter error 89: "Invalid or expired token". */
const twitterTokenInvalid: TokenInvalidCheck = (status, body) =>
  status === 401 &&
  ((body as { errors?: { code?: unknown }[] } | null)?.errors ?? []).some((e) => e.code === 89);

/**
 * Invalidates the user's OAuth 1.0a access token (`POST /1.1/oauth/invalidate_token`, signed
 * with that token as any user-context call); Twitter answers `{ "access_token": "…" }`.
 */
export async function invalidateTwitterToken(
  config: ResolvedProviderConfig,
  connection: ConnectionCredentials,
): Promise<void> {
  const url = new URL(config.endpoints.revokeURL!);
  const authorization = oauth1AuthorizationHeader('POST', url, {
    consumerKey: config.key,
    consumerSecret: config.secret,
    token: connection.accessToken,
    tokenSecret: connection.secret ?? '',
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization },
    signal: AbortSignal.timeout(config.timeoutMs),
  });
  await checkRevocationAnswer(response, twitterTokenInvalid);
}
