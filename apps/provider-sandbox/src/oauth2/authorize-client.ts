import type { Request } from 'express';
import { allowsRedirect } from '../core/client-registry.js';
import type { Response } from 'express';
import { queryParam, redirect, withQuery } from '../core/http.js';
import type { SandboxContext } from '../core/sandbox.context.js';
import type { SandboxClient, SandboxProviderId } from '../sandbox.types.js';

/** The client of an authorization request, or which of client_id / redirect_uri is wrong. */
export type AuthorizeClient =
  | { ok: true; client: SandboxClient; redirectUri: string }
  | { ok: false; error: 'client_id' | 'redirect_uri' };

/**
 * Checks `client_id` and the exact `redirect_uri` of an authorization request. Providers answer
 * a failure with an error page and never redirect to an unverified URI (RFC 6749 §4.1.2.1).
 */
export function authorizeClient(
  ctx: SandboxContext,
  provider: SandboxProviderId,
  req: Request,
): AuthorizeClient {
  const client = ctx.clients.find(provider, queryParam(req, 'client_id'));
  if (!client) return { ok: false, error: 'client_id' };
  const redirectUri = queryParam(req, 'redirect_uri');
  if (!allowsRedirect(client, redirectUri)) return { ok: false, error: 'redirect_uri' };
  return { ok: true, client, redirectUri };
}

/** Splits a scope parameter on commas and spaces (Facebook takes either). */
export function splitScopes(scope: string | undefined): string[] {
  return [...new Set((scope ?? '').split(/[\s,]+/).filter((s) => s !== ''))];
}

/**
 * How an authorization endpoint answers an error once client and redirect URI are verified:
 * back to the client with `error`, `error_description`, `state` (RFC 6749 §4.1.2.1) and, from
 * a server that sends it, `iss` (RFC 9207).
 */
export function errorRedirect(
  res: Response,
  redirectUri: string,
  state: string | undefined,
  iss?: string,
): (error: string, description: string) => void {
  return (error, description) =>
    redirect(res, withQuery(redirectUri, { error, error_description: description, state, iss }));
}
