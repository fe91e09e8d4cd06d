import { ExpiringMap } from '../core/expiring-map.js';
import { randomToken } from '../core/random.js';
import type { SandboxProviderId } from '../sandbox.types.js';

/** What the user approved, carried by an authorization code. */
export interface CodeGrant {
  provider: SandboxProviderId;
  clientId: string;
  redirectUri: string;
  identityKey: string;
  scopes: string[];
  /** S256 code_challenge, when the authorization request had one. */
  codeChallenge?: string;
  /** OpenID Connect nonce, echoed in the ID token. */
  nonce?: string;
  /** Google access_type=offline: a refresh token comes with the first access token. */
  offline?: boolean;
}

/** What an access or refresh token stands for. */
export interface TokenGrant {
  provider: SandboxProviderId;
  clientId: string;
  identityKey: string;
  scopes: string[];
  /** Shared by every token issued from one code, so a code replay can revoke them together. */
  grantId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** A grant tokens are issued for: a code's, or an existing token's (its expiry ignored). */
export type IssuedGrant = Omit<TokenGrant, 'expiresAt'> & { expiresAt?: number };

function issued({ provider, clientId, identityKey, scopes, grantId }: IssuedGrant) {
  return { provider, clientId, identityKey, scopes, grantId };
}

/** The result of redeeming a code. */
export type Redemption =
  | { status: 'ok'; grant: CodeGrant; grantId: string }
  | { status: 'unknown' }
  | { status: 'replayed' };

// How long a redeemed code is remembered to detect its replay.
const REPLAY_MEMORY_MS = 10 * 60_000;
const REFRESH_TOKEN_TTL_MS = 24 * 60 * 60_000;

/** OAuth 2.0 authorization codes, access tokens and refresh tokens of every provider. */
export class OAuth2Grants {
  private readonly codes = new ExpiringMap<string, CodeGrant>();
  private readonly redeemed = new ExpiringMap<string, string>();
  private readonly accessTokens = new ExpiringMap<string, TokenGrant>();
  private readonly refreshTokens = new ExpiringMap<string, TokenGrant>();
  /** Refresh tokens already rotated away, to the grant they belonged to (reuse detection). */
  private readonly rotatedRefreshTokens = new ExpiringMap<string, string>();

  /** @param rotateRefreshTokens each refresh replaces the refresh token (RFC 9700 §4.14.2) */
  constructor(
    private readonly codeTtlMs: number,
    readonly rotateRefreshTokens = false,
  ) {}

  /** A fresh single-use code (256 random bits) that expires after the code TTL. */
  issueCode(grant: CodeGrant): string {
    const code = randomToken();
    this.codes.set(code, grant, this.codeTtlMs);
    return code;
  }

  /**
   * Consumes a code. Any attempt uses it up (so a wrong verifier cannot be retried); a second
   * attempt is a replay and, as Google does, revokes the tokens the first one obtained.
   */
  redeemCode(provider: SandboxProviderId, code: string | undefined): Redemption {
    if (!code) return { status: 'unknown' };
    const grant = this.codes.take(code);
    if (grant && grant.provider === provider) {
      const grantId = randomToken(16);
      this.redeemed.set(code, grantId, REPLAY_MEMORY_MS);
      return { status: 'ok', grant, grantId };
    }
    const replayedGrant = this.redeemed.get(code);
    if (replayedGrant === undefined) return { status: 'unknown' };
    this.revokeGrant(replayedGrant);
    return { status: 'replayed' };
  }

  /** What the tokens of a redeemed code stand for. */
  tokenGrantOf({ grant, grantId }: { grant: CodeGrant; grantId: string }): IssuedGrant {
    const { provider, clientId, identityKey, scopes } = grant;
    return { provider, clientId, identityKey, scopes, grantId };
  }

  /**
   * Issues an access token with `prefix` (providers' tokens have recognisable shapes), for a
   * redeemed code's grant or the grant of a refresh token (its own expiry is not carried over).
   */
  issueAccessToken(grant: IssuedGrant, ttlMs: number, prefix = ''): string {
    const token = `${prefix}${randomToken()}`;
    this.accessTokens.set(token, { ...issued(grant), expiresAt: Date.now() + ttlMs }, ttlMs);
    return token;
  }

  issueRefreshToken(grant: IssuedGrant, prefix = ''): string {
    const token = `${prefix}${randomToken()}`;
    const expiresAt = Date.now() + REFRESH_TOKEN_TTL_MS;
    this.refreshTokens.set(token, { ...issued(grant), expiresAt }, REFRESH_TOKEN_TTL_MS);
    return token;
  }

  findAccessToken(provider: SandboxProviderId, token: string | undefined): TokenGrant | undefined {
    const grant = token ? this.accessTokens.get(token) : undefined;
    return grant?.provider === provider ? grant : undefined;
  }

  findRefreshToken(provider: SandboxProviderId, token: string | undefined): TokenGrant | undefined {
    const grant = token ? this.refreshTokens.get(token) : undefined;
    return grant?.provider === provider ? grant : undefined;
  }

  /**
   * Uses a refresh token. With rotation, it is replaced by a new one of the same grant, and a
   * refresh token used twice (a copy in the wrong hands, or two clients racing) revokes the
   * whole grant, as RFC 9700 §4.14.2 has authorization servers detect reuse.
   */
  useRefreshToken(
    provider: SandboxProviderId,
    token: string | undefined,
    prefix = '',
  ): { grant: TokenGrant; refreshToken?: string } | undefined {
    const grant = this.findRefreshToken(provider, token);
    if (!grant || !token) {
      const reused = token ? this.rotatedRefreshTokens.get(token) : undefined;
      if (reused !== undefined) this.revokeGrant(reused);
      return undefined;
    }
    if (!this.rotateRefreshTokens) return { grant };
    this.refreshTokens.delete(token);
    this.rotatedRefreshTokens.set(token, grant.grantId, REFRESH_TOKEN_TTL_MS);
    return { grant, refreshToken: this.issueRefreshToken(grant, prefix) };
  }

  /** Revokes every token of a grant. */
  revokeGrant(grantId: string): void {
    this.accessTokens.deleteWhere((grant) => grant.grantId === grantId);
    this.refreshTokens.deleteWhere((grant) => grant.grantId === grantId);
  }

  /** Revokes every token a provider issued. */
  revokeProvider(provider: SandboxProviderId): void {
    this.accessTokens.deleteWhere((grant) => grant.provider === provider);
    this.refreshTokens.deleteWhere((grant) => grant.provider === provider);
  }

  sweep(): void {
    for (const map of [
      this.codes,
      this.redeemed,
      this.accessTokens,
      this.refreshTokens,
      this.rotatedRefreshTokens,
    ]) {
      map.sweep();
    }
  }
}
