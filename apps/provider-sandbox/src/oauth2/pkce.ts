import { createHash } from 'node:crypto';
import { secureEqual } from '../core/secure-compare.js';

// RFC 7636 §4.1 / §4.2: 43–128 characters from the unreserved set.
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Whether a code_verifier or S256 code_challenge has the RFC 7636 form. */
export function isPkceValue(value: string): boolean {
  return PKCE_VALUE.test(value);
}

/** The S256 code_challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))), RFC 7636 §4.2. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Whether `verifier` matches an S256 `challenge` (RFC 7636 §4.6). */
export function verifyS256(verifier: string, challenge: string): boolean {
  return isPkceValue(verifier) && secureEqual(s256Challenge(verifier), challenge);
}
