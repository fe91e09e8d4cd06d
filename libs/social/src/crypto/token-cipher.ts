import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TokenDecryptError, UnknownTokenKeyError } from '../social.exceptions.js';
import { KEY_ID, parseTokenKeyring, type TokenKeyring } from './token-keyring.js';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The token columns of `social_connection`; each one's ciphertext is bound to its name. */
export type TokenColumn = 'accessToken' | 'secret' | 'refreshToken';

/** Where a token is stored: the ciphertext only decrypts in that row, column and user. */
export interface TokenBinding {
  /** The table holding it. @default 'social_connection' */
  table?: 'social_connection' | 'social_oauth_state' | 'social_revocation_request';
  rowId: string;
  column: TokenColumn | 'roundTrip';
  userId: string;
}

/**
 * AES-256-GCM for provider tokens at rest (SECURITY.md §3): a random 96-bit IV per encryption, a
 * 128-bit tag, and the storage location as AAD. The result is a self-describing envelope
 * `v1.<kid>.<iv>.<ct>.<tag>` (base64url parts), so any key of the keyring can open it.
 *
 * @publicApi
 */
export class TokenCipher {
  private readonly keyring: TokenKeyring;

  /** @param keys `'<kid>:<base64 of 32 bytes>'` entries, current key first (`tokenEncryptionKeys`). */
  constructor(keys: readonly string[]) {
    this.keyring = parseTokenKeyring(keys);
  }

  /** Id of the key new envelopes are made with. */
  get currentKeyId(): string {
    return this.keyring.currentKeyId;
  }

  /** Encrypts with the current key, bound to `binding`. */
  encrypt(plaintext: string, binding: TokenBinding): string {
    const kid = this.keyring.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keyring.keys.get(kid)!, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(tokenAad(binding));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url'));
    return [VERSION, kid, ...parts].join('.');
  }

  /** Opens an envelope made for `binding`; throws `TokenDecryptError`, never returns a guess. */
  decrypt(envelope: string, binding: TokenBinding): string {
    const parts = typeof envelope === 'string' ? envelope.split('.') : [];
    if (parts.length !== 5 || parts[0] !== VERSION || !parts.slice(2).every(isBase64url)) {
      throw new TokenDecryptError(`not a ${VERSION} envelope`);
    }
    const [, kid, ivPart, ctPart, tagPart] = parts as [string, string, string, string, string];
    const key = this.keyring.keys.get(kid);
    if (!key) {
      // A well-formed id this keyring lacks is a key not deployed here yet (a rotation rolling
      // out), not tampering. Echo only a well-formed id: never token material.
      if (KEY_ID.test(kid)) throw new UnknownTokenKeyError(kid);
      throw new TokenDecryptError('bad key id');
    }
    const iv = Buffer.from(ivPart, 'base64url');
    const tag = Buffer.from(tagPart, 'base64url');
    if (iv.length !== IV_BYTES) throw new TokenDecryptError('bad IV length');
    try {
      // authTagLength makes setAuthTag refuse a truncated tag instead of checking fewer bits.
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(tokenAad(binding));
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(ctPart, 'base64url')),
        decipher.final(),
      ]);
      return plaintext.toString('utf8');
    } catch {
      throw new TokenDecryptError(
        tag.length === TAG_BYTES
          ? 'authentication failed (tampered, or made for another row, column or user)'
          : 'bad tag length',
      );
    }
  }
}

/**
 * `<table>:<rowId>:<column>:<userId>`. Unambiguous although user ids may hold ":": the table,
 * the row id (a UUID or a state handle) and the column name never do, and the user id comes last.
 */
export function tokenAad({
  table = 'social_connection',
  rowId,
  column,
  userId,
}: TokenBinding): Buffer {
  return Buffer.from(`${table}:${rowId}:${column}:${userId}`, 'utf8');
}

function isBase64url(part: string): boolean {
  return BASE64URL.test(part);
}
