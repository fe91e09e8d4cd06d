import type { Response } from 'express';
import { sendJson } from '../core/http.js';
import type { OAuth1Failure } from '../oauth1/oauth1-request.js';

/** Twitter's error envelope: `{"errors":[{"code":…,"message":…}]}`. */
export function sendTwitterError(
  res: Response,
  status: number,
  code: number,
  message: string,
): void {
  sendJson(res, status, { errors: [{ code, message }] });
}

/** Code 32, the answer to any bad credential or signature. */
export function sendCouldNotAuthenticate(res: Response): void {
  sendTwitterError(res, 401, 32, 'Could not authenticate you.');
}

/** Code 89, for an unknown, used or revoked token. */
export function sendInvalidToken(res: Response): void {
  sendTwitterError(res, 401, 89, 'Invalid or expired token.');
}

/** Answers a failed signature check the way Twitter does. */
export function sendOAuth1Failure(res: Response, failure: OAuth1Failure): void {
  switch (failure) {
    case 'bad_request':
      return sendTwitterError(res, 400, 215, 'Bad Authentication data.');
    case 'unknown_token':
      return sendInvalidToken(res);
    case 'bad_timestamp':
      return sendTwitterError(res, 401, 135, 'Timestamp out of bounds.');
    default:
      return sendCouldNotAuthenticate(res);
  }
}

/**
 * The XML envelope api.twitter.com/oauth/request_token answers an unapproved callback with
 * (403, error 415), as reported by OAuth 1.0a clients in the wild:
 * `<?xml version="1.0" encoding="UTF-8"?><errors><error code="415">…</error></errors>`.
 */
export function sendCallbackNotApproved(res: Response): void {
  res
    .status(403)
    .type('application/xml')
    .send(
      '<?xml version="1.0" encoding="UTF-8"?><errors><error code="415">Callback URL not approved for this client application. Approved callback URLs can be adjusted in your application settings</error></errors>',
    );
}
