import { createHash } from 'node:crypto';
import type { SigningKeys } from '../core/signing-keys.js';
import { mintIdToken } from '../oidc/id-token.js';
import type { SandboxFaultKind, SandboxIdentity } from '../sandbox.types.js';
import { hasEmailScope, hasProfileScope } from './google.scopes.js';

/** What an ID token is issued for. */
export interface IdTokenInput {
  issuer: string;
  clientId: string;
  identity: SandboxIdentity;
  scopes: string[];
  accessToken: string;
  picture: string;
  nonce?: string;
  lifetimeS: number;
}

/**
 * Google's OpenID Connect ID token: RS256 with the key its JWKS (`/oauth2/v3/certs`) publishes,
 * with `azp`, `at_hash` and the claims the scopes allow; spoiled as an `id_token_*` fault asks.
 */
export function googleIdToken(
  keys: SigningKeys,
  input: IdTokenInput,
  fault?: SandboxFaultKind,
): string | undefined {
  const { identity, scopes } = input;
  const digest = createHash('sha256').update(input.accessToken).digest();
  const claims = {
    azp: input.clientId,
    ...(hasEmailScope(scopes) && identity.email
      ? { email: identity.email, email_verified: identity.emailVerified === true }
      : {}),
    ...(identity.hostedDomain ? { hd: identity.hostedDomain } : {}),
    // OIDC Core §3.1.3.6: left half of the access token's SHA-256.
    at_hash: digest.subarray(0, digest.length / 2).toString('base64url'),
    ...(hasProfileScope(scopes)
      ? {
          name: identity.name,
          picture: input.picture,
          given_name: identity.givenName,
          family_name: identity.familyName,
        }
      : {}),
  };
  const base = { ...input, subject: identity.id };
  return mintIdToken(keys, base, claims, fault);
}
