import type { Request, Response } from 'express';
import { basicCredentials, bodyParam, sendJson } from '../core/http.js';
import type { SandboxContext } from '../core/sandbox.context.js';
import type { SandboxClient, SandboxProviderId } from '../sandbox.types.js';

/** How a provider answers a failed client authentication (RFC 6749 §5.2 `invalid_client`). */
export type ClientRefusal = (
  res: Response,
  problem: 'unknown' | 'bad_secret' | 'two_methods',
) => void;

const rfc6749Refusal: ClientRefusal = (res, problem) =>
  problem === 'two_methods'
    ? sendJson(res, 400, {
        error: 'invalid_request',
        error_description: 'Use one client authentication method.',
      })
    : sendJson(res, 401, {
        error: 'invalid_client',
        error_description:
          problem === 'unknown' ? 'The OAuth client was not found.' : 'Unauthorized',
      });

/**
 * The client of a token, revocation or refresh request, from HTTP Basic or the body, never both
 * (RFC 6749 §2.3); `basicOnly` for providers that take confidential clients' credentials only in
 * the header (X). Undefined once the refusal is answered.
 */
export function authenticateTokenClient(
  ctx: SandboxContext,
  provider: SandboxProviderId,
  req: Request,
  res: Response,
  {
    basicOnly = false,
    refuse = rfc6749Refusal,
  }: { basicOnly?: boolean; refuse?: ClientRefusal } = {},
): SandboxClient | undefined {
  const basic = basicCredentials(req);
  const bodyId = bodyParam(req, 'client_id');
  const bodySecret = bodyParam(req, 'client_secret');
  if (basic && (bodySecret !== undefined || (bodyId !== undefined && bodyId !== basic.id))) {
    refuse(res, 'two_methods');
    return undefined;
  }
  const clientId = basic?.id ?? (basicOnly ? undefined : bodyId);
  const secret = basic?.secret ?? (basicOnly ? undefined : bodySecret);
  if (!ctx.clients.find(provider, clientId)) {
    refuse(res, 'unknown');
    return undefined;
  }
  const client = ctx.clients.authenticate(provider, clientId, secret);
  if (!client) refuse(res, 'bad_secret');
  return client;
}
