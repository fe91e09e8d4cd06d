import { randomBytes } from 'node:crypto';

/** A random URL-safe string carrying `bytes` bytes of entropy (default 32, i.e. 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A random string of ASCII letters and digits, for providers whose tokens look like that. */
export function randomAlphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  // 62 does not divide 256: reject the top bytes to keep the distribution uniform.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
  }
  return out;
}
