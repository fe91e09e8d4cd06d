import { createHmac } from 'node:crypto';
import type { ConnectionCredentials, ResolvedProviderConfig } from '../social.types.js';
import { checkRevocationAnswer, type TokenInvalidCheck } from './revocation-answer.util.js';

/** Graph error 190: the access token is invalid, expired, or the user removed the app. */
const facebookTokenInvalid: TokenInvalidCheck = (_status, body) =>
  (body as { error?: { code?: unknown } } | null)?.error?.code === 190;

/**
 * Revokes the app's permissions for the user (`DELETE /{version}/me/permissions` with the user
 * token), which ends every token of the grant; Facebook answers `{ "success": true }`. The call
 * carries `appsecret_proof` (HMAC-SHA256 of the token with the app secret), which apps that
 * "require app secret" must send on every Graph call.
 */
export async function revokeFacebookPermissions(
  config: ResolvedProviderConfig,
  connection: ConnectionCredentials,
): Promise<void> {
  const url = new URL(config.endpoints.revokeURL!);
  const proof = createHmac('sha256', config.secret).update(connection.accessToken).digest('hex');
  url.searchParams.set('appsecret_proof', proof);
  const response = await fetch(url, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${connection.accessToken}` },
    signal: AbortSignal.timeout(config.timeoutMs),
  });
  await checkRevocationAnswer(response, facebookTokenInvalid);
}
