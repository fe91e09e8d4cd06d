import type { Response } from 'express';
import { sendJson } from '../core/http.js';

/** An OAuth endpoint error: `{"error","error_description"}`. */
export function sendOAuthError(
  res: Response,
  status: number,
  error: string,
  description: string,
): void {
  sendJson(res, status, { error, error_description: description });
}

/** The token endpoint's answer to a bad, used or expired code or refresh token. */
export function sendInvalidGrant(res: Response, description = 'Bad Request'): void {
  sendOAuthError(res, 400, 'invalid_grant', description);
}

/** Userinfo's answer to a missing, unknown or expired token. */
export function sendInvalidCredentials(res: Response): void {
  res.setHeader(
    'WWW-Authenticate',
    'Bearer realm="https://accounts.google.com/", error="invalid_token"',
  );
  sendOAuthError(res, 401, 'invalid_request', 'Invalid Credentials');
}

/** Google API (googleapis.com) error shape: `{"error":{"code","message","status"}}`. */
export function sendApiError(res: Response, code: number, message: string, status: string): void {
  sendJson(res, code, { error: { code, message, status } });
}
