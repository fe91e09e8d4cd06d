import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { TokenCipher, TokenColumn } from '../crypto/token-cipher.js';
import { ROUND_TRIP_TTL_MS } from '../oauth/oauth-state.store.js';
import { SOCIAL_TOKEN_CIPHER } from '../social.internal-constants.js';
import type { SocialAuthResult, SocialProfile } from '../social.types.js';

const KEY = 'social:signup';
const TOKEN_COLUMNS: TokenColumn[] = ['accessToken', 'secret', 'refreshToken'];

interface StoredSignUp extends SocialAuthResult {
  createdAt: number;
}

/**
 * The provider account a login found no user for, kept in the session for the app's sign-up page
 * (Flask-Social's example kept it in `session['failed_login_connection']`). One per session,
 * expiring like a pending round trip; its tokens are sealed like a connection's, since the
 * session store is a database too.
 */
@Injectable()
export class PendingSignUps {
  constructor(@Inject(SOCIAL_TOKEN_CIPHER) private readonly cipher: TokenCipher | null) {}

  keep(req: Request, result: SocialAuthResult): void {
    const tokens = { ...result.tokens };
    for (const column of TOKEN_COLUMNS) {
      const value = tokens[column];
      if (this.cipher && value)
        tokens[column] = this.cipher.encrypt(value, binding(result.profile, column));
    }
    sessionOf(req)[KEY] = { ...result, tokens, createdAt: Date.now() } satisfies StoredSignUp;
  }

  /** The waiting account, tokens included (server-side use only), or null; forgets it once expired. */
  read(req: Request): SocialAuthResult | null {
    const stored = sessionOf(req)[KEY] as StoredSignUp | undefined;
    if (!stored) return null;
    if (!stored.profile || Date.now() - stored.createdAt >= ROUND_TRIP_TTL_MS) {
      this.discard(req);
      return null;
    }
    const { createdAt: _at, ...result } = stored;
    const tokens = { ...result.tokens };
    try {
      for (const column of TOKEN_COLUMNS) {
        const value = tokens[column];
        if (this.cipher && value)
          tokens[column] = this.cipher.decrypt(value, binding(result.profile, column));
      }
    } catch {
      // Sealed under a key that is gone: as good as expired.
      this.discard(req);
      return null;
    }
    // The session store serialises dates as strings.
    tokens.expiresAt = tokens.expiresAt ? new Date(tokens.expiresAt) : null;
    return { ...result, tokens };
  }

  profile(req: Request): SocialProfile | null {
    return this.read(req)?.profile ?? null;
  }

  discard(req: Request): void {
    delete sessionOf(req)[KEY];
  }
}

/** Bound to the provider account, and never valid as a connection row's token. */
function binding(profile: SocialProfile, column: TokenColumn) {
  return {
    rowId: 'pending-sign-up',
    column,
    userId: `${profile.providerId}:${profile.providerUserId}`,
  };
}

/** The session, or an empty stand-in when the app has none (nothing is kept then). */
function sessionOf(req: Request): Record<string, unknown> {
  return (req as Request & { session?: Record<string, unknown> }).session ?? {};
}
