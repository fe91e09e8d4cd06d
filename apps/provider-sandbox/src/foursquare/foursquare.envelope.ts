import type { Response } from 'express';
import { sendJson } from '../core/http.js';
import { randomBytes } from 'node:crypto';

const requestId = () => randomBytes(12).toString('hex');

/** A v2 API success: `{"meta":{"code":200,"requestId"},"notifications":[…],"response":…}`. */
export function sendFoursquareResponse(res: Response, response: unknown): void {
  sendJson(res, 200, {
    meta: { code: 200, requestId: requestId() },
    notifications: [{ type: 'notificationTray', item: { unreadCount: 0 } }],
    response,
  });
}

/** A v2 API error: `{"meta":{"code","errorType","errorDetail","requestId"},"response":{}}`. */
export function sendFoursquareError(
  res: Response,
  code: number,
  errorType: string,
  errorDetail: string,
): void {
  sendJson(res, code, {
    meta: { code, errorType, errorDetail, requestId: requestId() },
    response: {},
  });
}

/** The answer to a missing, unknown or revoked user token. */
export function sendInvalidAuth(res: Response): void {
  sendFoursquareError(res, 401, 'invalid_auth', 'OAuth token invalid or revoked.');
}
