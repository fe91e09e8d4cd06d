import type { Response } from 'express';
import { sendJson } from '../core/http.js';
import type { SandboxContext } from '../core/sandbox.context.js';
import type { SandboxClient } from '../sandbox.types.js';
import { FACEBOOK_TOKEN_TTL_S, sendGraphError } from './facebook.graph.js';

/**
 * `GET /oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token`:
 * a live user token of this app exchanged for a long-lived one of the same grant,
 * `{access_token, token_type, expires_in}` as Graph documents it.
 */
export function exchangeForLongLived(
  ctx: SandboxContext,
  client: SandboxClient,
  shortLived: string | undefined,
  res: Response,
): void {
  if (!shortLived) return sendGraphError(res, 'Missing fb_exchange_token parameter', 100);
  const grant = ctx.grants.findAccessToken('facebook', shortLived);
  if (!grant || grant.clientId !== client.clientId) {
    return sendGraphError(res, 'Error validating access token: The session is invalid.', 190, {
      subcode: 460,
    });
  }
  const accessToken = ctx.grants.issueAccessToken(grant, FACEBOOK_TOKEN_TTL_S * 1000, 'EAA');
  sendJson(res, 200, {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: FACEBOOK_TOKEN_TTL_S,
  });
}
