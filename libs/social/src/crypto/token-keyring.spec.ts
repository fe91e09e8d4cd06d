import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SocialOptionsError } from '../social.exceptions.js';
import { GENERATE_TOKEN_KEY_COMMAND, parseTokenKeyring, parseTokenKeys } from './token-keyring.js';

const b64 = (bytes: number) => randomBytes(bytes).toString('base64');

/** The SocialOptionsError message a parse throws. */
function problem(entries: unknown): string {
  try {
    parseTokenKeyring(entries);
  } catch (error) {
    expect(error).toBeInstanceOf(SocialOptionsError);
    return (error as Error).message;
  }
  throw new Error('expected a SocialOptionsError');
}

describe('parseTokenKeyring', () => {
  it('makes the first key current and keeps the others for decryption', () => {
    const [k2, k1] = [randomBytes(32), randomBytes(32)];
    const keyring = parseTokenKeyring([
      `2026-09:${k2.toString('base64')}`,
      `2026-03:${k1.toString('base64')}`,
    ]);
    expect(keyring.currentKeyId).toBe('2026-09');
    expect([...keyring.keys.keys()]).toEqual(['2026-09', '2026-03']);
    expect(keyring.keys.get('2026-09')).toEqual(k2);
    expect(keyring.keys.get('2026-03')).toEqual(k1);
  });

  it('accepts the output of the documented generator command', () => {
    // What `node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"` prints.
    expect(parseTokenKeyring([`k1:${b64(32)}`]).currentKeyId).toBe('k1');
    expect(parseTokenKeyring([`${'a'.repeat(32)}:${b64(32)}`]).currentKeyId).toHaveLength(32);
  });

  it.each([16, 31, 33, 64])('refuses a %i-byte key, saying how to generate one', (bytes) => {
    const message = problem([`k1:${b64(bytes)}`]);
    expect(message).toContain('tokenEncryptionKeys[0] ("k1")');
    expect(message).toContain(`exactly 32 random bytes in base64, got ${bytes} bytes`);
    expect(message).toContain(GENERATE_TOKEN_KEY_COMMAND);
  });

  it('never echoes key material in its errors', () => {
    const short = b64(16);
    expect(problem([`k1:${short}`])).not.toContain(short);
    const notBase64 = 'not base64 at all, but a passphrase!';
    const message = problem([`k1:${notBase64}`]);
    expect(message).toContain('not base64');
    expect(message).not.toContain(notBase64);
  });

  it.each([
    ['a dot', 'k.1'],
    ['a space', 'k 1'],
    ['nothing', ''],
    ['33 characters', 'k'.repeat(33)],
  ])('refuses a key id with %s', (_label, kid) => {
    expect(problem([`${kid}:${b64(32)}`])).toContain('key id before ":" must match');
  });

  it('refuses a duplicate key id', () => {
    expect(problem([`k1:${b64(32)}`, `k1:${b64(32)}`])).toContain('"k1" is listed twice');
  });

  it.each([
    ['undefined', undefined],
    ['an empty list', []],
    ['a string', `k1:${b64(32)}`],
  ])('refuses %s', (_label, entries) => {
    expect(problem(entries)).toContain('non-empty array');
  });

  it('refuses an entry without a key id, naming its position', () => {
    expect(problem([`k1:${b64(32)}`, b64(32)])).toContain('tokenEncryptionKeys[1]');
    expect(problem([42])).toContain('tokenEncryptionKeys[0]');
  });
});

describe('parseTokenKeys', () => {
  it('splits a comma-separated keyring and trims the entries', () => {
    expect(parseTokenKeys(' k2:AAA= , k1:BBB=,')).toEqual(['k2:AAA=', 'k1:BBB=']);
  });

  it('gives [] for an unset or blank value, which tokenEncryptionKeys refuses', () => {
    expect(parseTokenKeys(undefined)).toEqual([]);
    expect(parseTokenKeys('  ')).toEqual([]);
    expect(problem(parseTokenKeys(undefined))).toContain('non-empty array');
  });
});
