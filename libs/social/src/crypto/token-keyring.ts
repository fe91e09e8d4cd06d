import { SocialOptionsError } from '../social.exceptions.js';

/** Key ids go into every envelope and the `encKeyId` column (varchar 32), and never hold a dot. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const KEY_BYTES = 32;

/** The command the boot errors suggest for a fresh key. */
export const GENERATE_TOKEN_KEY_COMMAND = `node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"`;

/** Parsed `tokenEncryptionKeys`: the first key encrypts, every key decrypts. */
export interface TokenKeyring {
  readonly currentKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/**
 * Parses `'<kid>:<base64 of 32 bytes>'` entries. Anything else is a `SocialOptionsError` at boot
 * that names the entry by position and key id, never by its key material.
 */
export function parseTokenKeyring(entries: unknown): TokenKeyring {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new SocialOptionsError(
      'tokenEncryptionKeys must be a non-empty array of "<kid>:<base64 of 32 bytes>" strings, ' +
        `the current key first. Generate one with: ${GENERATE_TOKEN_KEY_COMMAND}`,
    );
  }
  const keys = new Map<string, Buffer>();
  entries.forEach((entry: unknown, index) => {
    const where = `tokenEncryptionKeys[${index}]`;
    const colon = typeof entry === 'string' ? entry.indexOf(':') : -1;
    if (typeof entry !== 'string' || colon < 0) {
      throw new SocialOptionsError(
        `${where} must be a "<kid>:<base64 of 32 bytes>" string. ` +
          `Generate one with: ${GENERATE_TOKEN_KEY_COMMAND}`,
      );
    }
    const kid = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(kid)) {
      throw new SocialOptionsError(
        `${where}: the key id before ":" must match ${KEY_ID} (letters, digits, "_" or "-", at most 32)`,
      );
    }
    if (keys.has(kid)) {
      throw new SocialOptionsError(
        `${where}: key id "${kid}" is listed twice; key ids must be unique`,
      );
    }
    const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
    if (key.length !== KEY_BYTES) {
      throw new SocialOptionsError(
        `${where} ("${kid}"): the key must be exactly ${KEY_BYTES} random bytes in base64, ` +
          `got ${BASE64.test(encoded) ? `${key.length} bytes` : 'something that is not base64'}. ` +
          `Generate one with: ${GENERATE_TOKEN_KEY_COMMAND}`,
      );
    }
    keys.set(kid, key);
  });
  return { currentKeyId: keys.keys().next().value!, keys };
}

/**
 * Splits a comma-separated keyring from the environment (e.g. `SOCIAL_TOKEN_KEYS`) into the
 * entries `tokenEncryptionKeys` takes; blank entries are dropped, an unset value gives `[]`.
 *
 * @example tokenEncryptionKeys: parseTokenKeys(process.env.SOCIAL_TOKEN_KEYS)
 * @publicApi
 */
export function parseTokenKeys(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
