import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { randomToken } from './random.js';

/** One RS256 signing key and its public JWK. */
interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

/** An RSA key pair with a fresh key id (keys are made on first use: RSA generation is slow). */
function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomToken(8);
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, jwk };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A provider's ID-token signing keys, as real providers run them: one key signs, the JWKS
 * publishes it and the previous one (tokens signed before a rotation still verify), and a
 * rotation retires the oldest.
 */
export class SigningKeys {
  private current?: SigningKey;
  private previous?: SigningKey;
  /** A key no JWKS ever publishes: what a forged token is signed with. */
  private stray?: SigningKey;

  /** The JWK Set (RFC 7517 §5) the provider's `jwks_uri` serves. */
  jwks(): { keys: Record<string, unknown>[] } {
    const keys = [this.signing(), this.previous].filter((key): key is SigningKey => !!key);
    return { keys: keys.map((key) => key.jwk) };
  }

  /**
   * A compact JWS (RS256) of `claims`, under the current key's id; `forged` signs it with the
   * stray key instead, so the signature does not verify against the published key.
   */
  sign(claims: Record<string, unknown>, forged = false): string {
    const { kid } = this.signing();
    const key = forged ? (this.stray ??= newKey()) : this.signing();
    const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
    const signature = sign('sha256', Buffer.from(input), key.privateKey).toString('base64url');
    return `${input}.${signature}`;
  }

  /** A new key signs from now on; the one it replaces stays published, the one before goes. */
  rotate(): void {
    this.previous = this.signing();
    this.current = newKey();
  }

  private signing(): SigningKey {
    return (this.current ??= newKey());
  }
}
