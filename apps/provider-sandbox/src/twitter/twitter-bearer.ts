import type { Request, Response } from 'express';
import { bearerToken } from '../core/http.js';
import type { SandboxContext } from '../core/sandbox.context.js';
import { findIdentity } from '../sandbox.identities.js';
import type { SandboxIdentity } from '../sandbox.types.js';
import { sendXProblem } from './twitter-oauth2.errors.js';

/**
 * The user behind an OAuth 2.0 user-context request (`Authorization: Bearer`), when its token
 * is live and carries `scopes`; undefined once the 401 or 403 is answered.
 */
export function xBearerCaller(
  ctx: SandboxContext,
  req: Request,
  res: Response,
  allows: (scopes: string[]) => boolean,
): SandboxIdentity | undefined {
  const grant = ctx.grants.findAccessToken('twitter', bearerToken(req));
  const identity = grant && findIdentity('twitter', grant.identityKey);
  if (!grant || !identity) {
    sendXProblem(res, 401);
    return undefined;
  }
  if (!allows(grant.scopes)) {
    sendXProblem(res, 403);
    return undefined;
  }
  return identity;
}
