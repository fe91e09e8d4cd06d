import type { Request } from 'express';
import { queryParam } from '../core/http.js';
import { isPkceValue } from './pkce.js';

/** The PKCE challenge of an authorization request, or why it is refused (`invalid_request`). */
export type PkceRequest = { ok: true; challenge?: string } | { ok: false; description: string };

/**
 * Reads `code_challenge` / `code_challenge_method` (RFC 7636 §4.3). S256 only: RFC 7636's
 * default `plain` is what RFC 9700 §2.1.1 rules out. `required` for servers that insist on PKCE.
 */
export function pkceRequest(req: Request, { required = false } = {}): PkceRequest {
  const challenge = queryParam(req, 'code_challenge');
  const method = queryParam(req, 'code_challenge_method');
  if (challenge === undefined) {
    if (required) return { ok: false, description: 'Missing required parameter: code_challenge.' };
    if (method !== undefined) {
      return { ok: false, description: 'code_challenge_method without code_challenge.' };
    }
    return { ok: true };
  }
  if (method !== 'S256') {
    return { ok: false, description: 'Only code_challenge_method=S256 is accepted.' };
  }
  if (!isPkceValue(challenge)) return { ok: false, description: 'Invalid code_challenge.' };
  return { ok: true, challenge };
}
