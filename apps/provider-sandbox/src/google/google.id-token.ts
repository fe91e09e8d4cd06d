import { createHash, createHmac } from 'node:crypto';
import type { SandboxIdentity } from '../sandbox.types.js';
import { hasEmailScope, hasProfileScope } from './google.scopes.js';

/** What an ID token is issued for. */
export interface IdTokenInput {
  issuer: string;
  clientId: string;
  clientSecret: string;
  identity: SandboxIdentity;
  scopes: string[];
  accessToken: string;
  picture: string;
  nonce?: string;
  lifetimeS: number;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An OpenID Connect ID token. Signed HS256 with the client secret (OIDC Core §10.1), so a client
 * can check it without the sandbox publishing keys.
 */
export function googleIdToken(input: IdTokenInput): string {
  const { identity, scopes } = input;
  const now = Math.floor(Date.now() / 1000);
  const digest = createHash('sha256').update(input.accessToken).digest();
  const claims = {
    iss: input.issuer,
    azp: input.clientId,
    aud: input.clientId,
    sub: identity.id,
    ...(hasEmailScope(scopes) && identity.email
      ? { email: identity.email, email_verified: identity.emailVerified === true }
      : {}),
    ...(identity.hostedDomain ? { hd: identity.hostedDomain } : {}),
    // OIDC Core §3.1.3.6: left half of the access token's SHA-256.
    at_hash: digest.subarray(0, digest.length / 2).toString('base64url'),
    ...(input.nonce !== undefined ? { nonce: input.nonce } : {}),
    ...(hasProfileScope(scopes)
      ? {
          name: identity.name,
          picture: input.picture,
          given_name: identity.givenName,
          family_name: identity.familyName,
        }
      : {}),
    iat: now,
    exp: now + input.lifetimeS,
  };
  const signingInput = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  const signature = createHmac('sha256', input.clientSecret)
    .update(signingInput)
    .digest('base64url');
  return `${signingInput}.${signature}`;
}
