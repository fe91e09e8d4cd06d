import { ExpiringMap } from '../core/expiring-map.js';
import { randomAlphanumeric, randomToken } from '../core/random.js';

/** Temporary credentials (RFC 5849 §2.1), possibly authorized by the user. */
export interface RequestToken {
  token: string;
  secret: string;
  consumerKey: string;
  callback: string;
  /** Set when the user allowed: the verifier and who they signed in as. */
  verifier?: string;
  identityKey?: string;
}

/** Token credentials (RFC 5849 §2.3). */
export interface AccessToken {
  token: string;
  secret: string;
  consumerKey: string;
  identityKey: string;
}

const REQUEST_TOKEN_TTL_MS = 15 * 60_000;
// Twitter's tokens do not expire; a day keeps a long-running sandbox bounded.
const ACCESS_TOKEN_TTL_MS = 24 * 60 * 60_000;

/** Twitter's request and access tokens. */
export class TwitterTokens {
  private readonly requestTokens = new ExpiringMap<string, RequestToken>();
  private readonly accessTokens = new ExpiringMap<string, AccessToken>();

  issueRequestToken(consumerKey: string, callback: string): RequestToken {
    // Twitter's request tokens are 27 characters; the secret is longer.
    const record = { token: randomAlphanumeric(27), secret: randomToken(), consumerKey, callback };
    this.requestTokens.set(record.token, record, REQUEST_TOKEN_TTL_MS);
    return record;
  }

  findRequestToken(token: string | undefined): RequestToken | undefined {
    return token ? this.requestTokens.get(token) : undefined;
  }

  /** Marks a request token as authorized by an identity and returns its new verifier. */
  authorize(record: RequestToken, identityKey: string): string {
    record.verifier = randomAlphanumeric(32);
    record.identityKey = identityKey;
    return record.verifier;
  }

  /** Revokes temporary credentials: after one exchange attempt, or a denial. */
  deleteRequestToken(token: string): void {
    this.requestTokens.delete(token);
  }

  issueAccessToken(consumerKey: string, userId: string, identityKey: string): AccessToken {
    // Twitter's access tokens start with the user id.
    const record = {
      token: `${userId}-${randomAlphanumeric(40)}`,
      secret: randomAlphanumeric(45),
      consumerKey,
      identityKey,
    };
    this.accessTokens.set(record.token, record, ACCESS_TOKEN_TTL_MS);
    return record;
  }

  findAccessToken(token: string | undefined): AccessToken | undefined {
    return token ? this.accessTokens.get(token) : undefined;
  }

  revokeAccessToken(token: string): void {
    this.accessTokens.delete(token);
  }

  /** Revokes every OAuth 1.0a access token (X's OAuth 2.0 tokens are OAuth2Grants'). */
  revokeAll(): void {
    this.accessTokens.deleteWhere(() => true);
  }

  sweep(): void {
    this.requestTokens.sweep();
    this.accessTokens.sweep();
  }
}
