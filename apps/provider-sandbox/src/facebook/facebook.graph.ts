import type { Response } from 'express';
import { sendJson } from '../core/http.js';
import { randomAlphanumeric } from '../core/random.js';

/** Long-lived user tokens (`fb_exchange_token`) last about 60 days. */
export const FACEBOOK_TOKEN_TTL_S = 5_183_944;

/** A login's code gives a short-lived user token, "about an hour or two". */
export const FACEBOOK_SHORT_TOKEN_TTL_S = 5_400;

/** Whether a path segment is a Graph API version such as `v21.0`. */
export function isGraphVersion(segment: string): boolean {
  return /^v\d+\.\d+$/.test(segment);
}

/** Options of a Graph API error. */
export interface GraphErrorOptions {
  status?: number;
  type?: string;
  subcode?: number;
}

/** A Graph API error: `{"error":{"message","type","code","error_subcode"?,"fbtrace_id"}}`, 400 by default. */
export function sendGraphError(
  res: Response,
  message: string,
  code: number,
  options: GraphErrorOptions = {},
): void {
  sendJson(res, options.status ?? 400, {
    error: {
      message,
      type: options.type ?? 'OAuthException',
      code,
      ...(options.subcode !== undefined ? { error_subcode: options.subcode } : {}),
      fbtrace_id: randomAlphanumeric(11),
    },
  });
}

/** The answer to a used or revoked code, also the `invalid_grant` fault on the token endpoint. */
export function sendCodeUsed(res: Response): void {
  sendGraphError(res, 'This authorization code has been used.', 100, { subcode: 36009 });
}

/** The answer to an unknown or expired access token. */
export function sendInvalidAccessToken(res: Response): void {
  sendGraphError(res, 'Invalid OAuth access token data.', 190);
}
