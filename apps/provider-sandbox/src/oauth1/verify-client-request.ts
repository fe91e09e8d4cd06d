import type { Request } from 'express';
import type { SandboxContext } from '../core/sandbox.context.js';
import type { SandboxProviderId } from '../sandbox.types.js';
import { verifyOAuth1Request, type OAuth1Verification } from './oauth1-request.js';

/** An issued token as the verifier needs it: its consumer and its secret. */
export interface OAuth1IssuedToken {
  consumerKey: string;
  secret: string;
}

/**
 * Verifies a request signed by one of the provider's registered clients. `findToken` looks the
 * oauth_token up among the tokens the endpoint takes; without it the endpoint takes none (the
 * request-token endpoint) and a token sent anyway is unknown.
 */
export function verifyClientRequest(
  ctx: SandboxContext,
  provider: SandboxProviderId,
  req: Request,
  findToken?: (token: string) => OAuth1IssuedToken | undefined,
): OAuth1Verification {
  return verifyOAuth1Request(req, {
    consumerSecret: (key) => ctx.clients.find(provider, key)?.clientSecret,
    // A token counts only for the consumer it was issued to.
    tokenSecret: (token, key) => {
      const issued = findToken?.(token);
      return issued?.consumerKey === key ? issued.secret : undefined;
    },
    requireToken: findToken !== undefined,
    nonces: ctx.nonces,
  });
}
