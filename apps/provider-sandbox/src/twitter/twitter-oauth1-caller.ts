import type { Request, Response } from 'express';
import type { SandboxContext } from '../core/sandbox.context.js';
import { verifyClientRequest } from '../oauth1/verify-client-request.js';
import { findIdentity } from '../sandbox.identities.js';
import type { SandboxIdentity } from '../sandbox.types.js';
import { sendOAuth1Failure } from './twitter.errors.js';

/**
 * The user behind a request signed (RFC 5849) with a live access token, the OAuth 1.0a user
 * context v1.1 and v2 both take; undefined once the failure is answered as Twitter does.
 */
export function oauth1Caller(
  ctx: SandboxContext,
  req: Request,
  res: Response,
): SandboxIdentity | undefined {
  return oauth1Access(ctx, req, res)?.identity;
}

/** As {@link oauth1Caller}, with the access token the request was signed with. */
export function oauth1Access(
  ctx: SandboxContext,
  req: Request,
  res: Response,
): { identity: SandboxIdentity; token: string } | undefined {
  const check = verifyClientRequest(ctx, 'twitter', req, (token) =>
    ctx.twitter.findAccessToken(token),
  );
  if (!check.ok) {
    sendOAuth1Failure(res, check.failure);
    return undefined;
  }
  const access = ctx.twitter.findAccessToken(check.token)!;
  // requireToken: a verified request always names its token.
  return { identity: findIdentity('twitter', access.identityKey)!, token: check.token! };
}
