import type { Response } from 'express';
import { sendJson } from '../core/http.js';
import type { ClientRefusal } from '../oauth2/token-client.js';

/** X's OAuth 2.0 error answer: RFC 6749 fields, `invalid_request` even for a refused grant. */
export function sendXOAuthError(res: Response, status: number, error: string, description: string) {
  sendJson(res, status, { error, error_description: description });
}

/** How X refuses a bad, used or expired authorization code. */
export function sendXInvalidCode(res: Response): void {
  sendXOAuthError(
    res,
    400,
    'invalid_request',
    'Value passed for the authorization code was invalid.',
  );
}

/** How X refuses a bad, used or revoked refresh token. */
export function sendXInvalidToken(res: Response): void {
  sendXOAuthError(res, 400, 'invalid_request', 'Value passed for the token was invalid.');
}

/** A confidential client authenticates with HTTP Basic, and only so. */
export const refuseXClient: ClientRefusal = (res, problem) =>
  problem === 'bad_secret'
    ? sendXOAuthError(res, 401, 'invalid_client', 'Client authentication failed')
    : sendXOAuthError(res, 401, 'unauthorized_client', 'Missing valid authorization header');

/** The v2 API's problem answers (`application/problem+json` shapes). */
export function sendXProblem(res: Response, status: 401 | 403): void {
  const title = status === 401 ? 'Unauthorized' : 'Forbidden';
  sendJson(res, status, { title, type: 'about:blank', status, detail: title });
}
