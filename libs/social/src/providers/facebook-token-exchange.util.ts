import { Logger } from '@nestjs/common';
import { readCappedText } from '../oauth/read-capped.util.js';
import { expiryFromNow } from '../oauth/token-expiry.util.js';
import type { ConnectionTokens, ResolvedProviderConfig } from '../social.types.js';
import { parseJsonObject } from '../oauth/json-object.util.js';

const logger = new Logger('SocialModule');

/**
 * Exchanges the short-lived user token a Facebook login gives (an hour or two) for a long-lived
 * one (about 60 days) at the token endpoint, as Graph documents it:
 * `GET /oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token`
 * answering `{access_token, token_type, expires_in}`. Facebook issues no refresh token: when
 * the long-lived token expires, the connection is `expired` until the user connects again.
 * Should the exchange fail, the short-lived token is kept with its own expiry (logged): the
 * login still completes, and the connection expires sooner.
 */
export async function exchangeForLongLivedToken(
  config: ResolvedProviderConfig,
  tokens: ConnectionTokens,
): Promise<ConnectionTokens> {
  const url = new URL(config.endpoints.tokenURL!);
  url.search = new URLSearchParams({
    grant_type: 'fb_exchange_token',
    client_id: config.key,
    client_secret: config.secret,
    fb_exchange_token: tokens.accessToken,
  }).toString();
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const body = parseJsonObject(await readCappedText(response));
    if (response.ok && typeof body.access_token === 'string' && body.access_token !== '') {
      return {
        ...tokens,
        accessToken: body.access_token,
        expiresAt: expiryFromNow(body.expires_in),
      };
    }
    logger.warn(`${config.id}: the long-lived token exchange answered ${response.status}`);
  } catch (error) {
    logger.warn(`${config.id}: the long-lived token exchange failed (${(error as Error).name})`);
  }
  return tokens;
}
