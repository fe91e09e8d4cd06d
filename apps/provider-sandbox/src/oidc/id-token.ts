import type { SigningKeys } from '../core/signing-keys.js';
import type { SandboxFaultKind } from '../sandbox.types.js';

/** What every ID token carries (OIDC Core §2), before the provider's own claims. */
export interface IdTokenBase {
  issuer: string;
  clientId: string;
  subject: string;
  nonce?: string;
  lifetimeS: number;
}

/**
 * Signs an ID token with the provider's current key, spoiled the way an armed `id_token_*`
 * fault asks: another issuer, audience or nonce, an hour-old token, a forged signature; or no
 * token at all (undefined) for `id_token_missing`.
 */
export function mintIdToken(
  keys: SigningKeys,
  base: IdTokenBase,
  claims: Record<string, unknown>,
  fault?: SandboxFaultKind,
): string | undefined {
  if (fault === 'id_token_missing') return undefined;
  const now = Math.floor(Date.now() / 1000);
  const issuedAt = fault === 'id_token_expired' ? now - 3600 : now;
  const token = {
    iss: fault === 'id_token_wrong_issuer' ? 'https://issuer.evil.example' : base.issuer,
    aud: fault === 'id_token_wrong_audience' ? 'another-client' : base.clientId,
    sub: base.subject,
    ...claims,
    ...(base.nonce !== undefined
      ? { nonce: fault === 'id_token_wrong_nonce' ? 'not-the-nonce-sent' : base.nonce }
      : {}),
    iat: issuedAt,
    exp: issuedAt + base.lifetimeS,
  };
  return keys.sign(token, fault === 'id_token_bad_signature');
}
