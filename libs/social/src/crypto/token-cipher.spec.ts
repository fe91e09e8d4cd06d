import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SocialOptionsError, TokenDecryptError } from '../social.exceptions.js';
import { type TokenBinding, TokenCipher, tokenAad } from './token-cipher.js';

const newKey = (kid: string) => `${kid}:${randomBytes(32).toString('base64')}`;
const binding: TokenBinding = {
  rowId: '6f9619ff-8b86-4011-b42d-00c04fc964ff',
  column: 'accessToken',
  userId: 'alice',
};
const cipher = new TokenCipher([newKey('k1')]);

/** The five parts of an envelope, decoded where base64url. */
function parts(envelope: string) {
  const [v, kid, iv, ct, tag] = envelope.split('.') as [string, string, string, string, string];
  const bytes = (s: string) => Buffer.from(s, 'base64url');
  return { v, kid, iv: bytes(iv), ct: bytes(ct), tag: bytes(tag) };
}

/** Rebuilds an envelope from (possibly altered) parts. */
function envelope(p: ReturnType<typeof parts>) {
  return [p.v, p.kid, ...[p.iv, p.ct, p.tag].map((b) => b.toString('base64url'))].join('.');
}

/** The error a decrypt throws (fails the test if it returns). */
function failure(c: TokenCipher, value: string, b: TokenBinding = binding): TokenDecryptError {
  try {
    c.decrypt(value, b);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenDecryptError);
    return error as TokenDecryptError;
  }
  throw new Error('expected a TokenDecryptError');
}

describe('TokenCipher', () => {
  it('round-trips a token, including an empty one and non-ASCII', () => {
    for (const token of ['ya29.a0AfH6SMB-token', '', 'é€😀'.repeat(50), 'x'.repeat(8192)]) {
      expect(cipher.decrypt(cipher.encrypt(token, binding), binding)).toBe(token);
    }
  });

  it('makes a v1.<kid>.<iv>.<ct>.<tag> envelope: 96-bit IV, 128-bit tag, base64url parts', () => {
    const sealed = cipher.encrypt('secret-token', binding);
    expect(sealed).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    const { iv, ct, tag } = parts(sealed);
    expect(iv).toHaveLength(12);
    expect(tag).toHaveLength(16);
    expect(ct).toHaveLength('secret-token'.length);
    expect(sealed).not.toContain('secret-token');
  });

  it('uses a fresh random IV for each of 1000 encryptions of one token', () => {
    const ivs = new Set<string>();
    const envelopes = new Set<string>();
    for (let i = 0; i < 1000; i += 1) {
      const sealed = cipher.encrypt('same token', binding);
      envelopes.add(sealed);
      ivs.add(parts(sealed).iv.toString('hex'));
    }
    expect(ivs.size).toBe(1000);
    expect(envelopes.size).toBe(1000);
  });

  it('binds AAD social_connection:<rowId>:<column>:<userId>', () => {
    expect(tokenAad(binding).toString()).toBe(
      'social_connection:6f9619ff-8b86-4011-b42d-00c04fc964ff:accessToken:alice',
    );
    // An envelope made by hand with that AAD opens; so the AAD is exactly that string.
    const [, b64] = newKey('x').split(':') as [string, string];
    const key = Buffer.from(b64, 'base64');
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    c.setAAD(
      Buffer.from('social_connection:6f9619ff-8b86-4011-b42d-00c04fc964ff:accessToken:alice'),
    );
    const ct = Buffer.concat([c.update('by hand', 'utf8'), c.final()]);
    const made = envelope({ v: 'v1', kid: 'x', iv, ct, tag: c.getAuthTag() });
    expect(new TokenCipher([`x:${b64}`]).decrypt(made, binding)).toBe('by hand');
  });

  describe('refuses, with TokenDecryptError', () => {
    const sealed = cipher.encrypt('secret-token', binding);

    it('one flipped ciphertext byte', () => {
      const p = parts(sealed);
      p.ct[0]! ^= 0x01;
      expect(failure(cipher, envelope(p)).message).toContain('authentication failed');
    });

    it('one flipped IV or tag byte', () => {
      const iv = parts(sealed);
      iv.iv[5]! ^= 0x80;
      failure(cipher, envelope(iv));
      const tag = parts(sealed);
      tag.tag[15]! ^= 0x01;
      failure(cipher, envelope(tag));
    });

    it.each([
      ['another row', { rowId: '00000000-0000-4000-8000-000000000000' }],
      ['another column', { column: 'refreshToken' as const }],
      ['another user', { userId: 'mallory' }],
      ['a user id that shifts the separators', { userId: 'alice:x' }],
    ])('ciphertext moved to %s', (_label, change) => {
      failure(cipher, sealed, { ...binding, ...change });
    });

    it('a tag truncated to 4 bytes (authTagLength is enforced)', () => {
      const p = parts(sealed);
      p.tag = p.tag.subarray(0, 4);
      expect(failure(cipher, envelope(p)).message).toContain('bad tag length');
    });

    it('a tag truncated to 12 bytes', () => {
      const p = parts(sealed);
      p.tag = p.tag.subarray(0, 12);
      failure(cipher, envelope(p));
    });

    it('an unknown key id, and a key id renamed to a known one', () => {
      const other = new TokenCipher([newKey('k9')]);
      expect(failure(cipher, other.encrypt('t', binding)).message).toContain('unknown key id "k9"');
      const sameName = new TokenCipher([newKey('k1')]);
      failure(sameName, sealed);
    });

    it.each([
      ['a plaintext token', 'ya29.a0AfH6SMB'],
      ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'],
      ['even-length hex (Better Auth took it for ciphertext)', 'deadbeefcafe0123'],
      ['another version', sealed.replace(/^v1\./, 'v2.')],
      ['a sixth part', `${sealed}.x`],
      ['a non-base64url part', sealed.replace(/\.([^.]+)$/, '.+/==')],
      ['a short IV', envelope({ ...parts(sealed), iv: randomBytes(8) })],
      ['the empty string', ''],
    ])('%s', (_label, value) => {
      failure(cipher, value);
    });

    it('and its message never holds the token or the envelope', () => {
      const p = parts(sealed);
      p.ct[0]! ^= 0x01;
      const bad = envelope(p);
      const { message } = failure(cipher, bad);
      expect(message).not.toContain('secret-token');
      expect(message).not.toContain(bad);
    });
  });

  describe('with a keyring', () => {
    it('encrypts with the first key and decrypts with any of them', () => {
      const k1 = newKey('k1');
      const old = new TokenCipher([k1]);
      const rotated = new TokenCipher([newKey('k2'), k1]);
      const before = old.encrypt('token', binding);
      expect(rotated.currentKeyId).toBe('k2');
      expect(rotated.decrypt(before, binding)).toBe('token');
      const after = rotated.encrypt('token', binding);
      expect(parts(after).kid).toBe('k2');
      expect(failure(old, after).message).toContain('unknown key id "k2"');
    });

    it('is a SocialOptionsError at construction for a bad key', () => {
      expect(() => new TokenCipher([`k1:${randomBytes(31).toString('base64')}`])).toThrow(
        SocialOptionsError,
      );
    });
  });
});
