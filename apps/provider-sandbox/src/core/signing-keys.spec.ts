import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SigningKeys } from './signing-keys.js';

function verifies(keys: SigningKeys, jwt: string): boolean {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString());
  const jwk = keys.jwks().keys.find((key) => key.kid === kid);
  if (!jwk) return false;
  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  return verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
}

describe('SigningKeys', () => {
  it('signs RS256 JWTs under a published key id; a forged one carries that id but does not verify', () => {
    const keys = new SigningKeys();
    const jwt = keys.sign({ sub: 'a' });
    expect(JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString())).toMatchObject({
      alg: 'RS256',
      typ: 'JWT',
    });
    expect(verifies(keys, jwt)).toBe(true);
    const forged = keys.sign({ sub: 'a' }, true);
    expect(forged.split('.')[0]).toBe(jwt.split('.')[0]);
    expect(verifies(keys, forged)).toBe(false);
    expect(keys.jwks().keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys.jwks().keys[0]).not.toHaveProperty('d');
  });
});
