import { createHmac, timingSafeEqual } from 'node:crypto';

/** The payload of a Facebook `signed_request` the module relies on. @publicApi */
export interface FacebookSignedRequest {
  algorithm: 'HMAC-SHA256';
  /** The app-scoped id of the user: the connection's `providerUserId`. */
  user_id: string;
  /** Seconds since the epoch. */
  issued_at?: number;
  [field: string]: unknown;
}

/** Why a `signed_request` was refused: the message is safe to answer with. */
export class SignedRequestError extends Error {
  override readonly name = 'SignedRequestError';
}

const PART = /^[A-Za-z0-9_-]+$/;
const USER_ID = /^[A-Za-z0-9._:@|-]{1,255}$/;
/** Far larger than any signed request Facebook sends; bounds the work on junk. */
const MAX_LENGTH = 8192;

/**
 * Verifies and decodes a Facebook `signed_request` (`<signature>.<payload>`, both base64url):
 * the signature must be the HMAC-SHA256 of the encoded payload with the app secret (compared in
 * constant time) and the payload must name that algorithm and a user. Throws `SignedRequestError`.
 */
export function parseFacebookSignedRequest(
  signedRequest: unknown,
  appSecret: string,
): FacebookSignedRequest {
  if (typeof signedRequest !== 'string' || signedRequest === '') {
    throw new SignedRequestError('signed_request is missing');
  }
  const parts = signedRequest.split('.');
  if (
    signedRequest.length > MAX_LENGTH ||
    parts.length !== 2 ||
    !parts.every((p) => PART.test(p))
  ) {
    throw new SignedRequestError('signed_request is not <signature>.<payload> in base64url');
  }
  const [signature, payload] = parts as [string, string];
  const expected = createHmac('sha256', appSecret).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new SignedRequestError('signed_request signature does not match the app secret');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new SignedRequestError('signed_request payload is not JSON');
  }
  const fields = decoded as Partial<FacebookSignedRequest> | null;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new SignedRequestError('signed_request payload is not an object');
  }
  if (typeof fields.algorithm !== 'string' || fields.algorithm.toUpperCase() !== 'HMAC-SHA256') {
    throw new SignedRequestError('signed_request algorithm must be HMAC-SHA256');
  }
  if (typeof fields.user_id !== 'string' || !USER_ID.test(fields.user_id)) {
    throw new SignedRequestError('signed_request names no user_id');
  }
  return fields as FacebookSignedRequest;
}
