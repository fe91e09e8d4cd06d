import type { SocialAuthResult, SocialProfile } from '../providers/social-profile.interface.js';
import { PENDING_FLOW_TTL_MS } from './pending-flows.js';

const KEY = 'social:signup';

interface StoredSignUp extends SocialAuthResult {
  createdAt: number;
}

/**
 * The provider account a login found no user for, kept in the session for the app's sign-up page
 * (Flask-Social's example kept it in `session['failed_login_connection']`). One per session,
 * expiring like a pending round trip.
 */
export const PendingSignUp = {
  keep(req: any, result: SocialAuthResult): void {
    req.session[KEY] = { ...result, createdAt: Date.now() } satisfies StoredSignUp;
  },

  /** The waiting account, tokens included (server-side use only), or null. */
  read(req: any): SocialAuthResult | null {
    const stored = req.session?.[KEY] as StoredSignUp | undefined;
    if (!stored?.profile || Date.now() - stored.createdAt >= PENDING_FLOW_TTL_MS) return null;
    const { createdAt: _at, ...result } = stored;
    // The session store serialises dates as strings.
    const expiresAt = result.tokens.expiresAt ? new Date(result.tokens.expiresAt) : null;
    return { ...result, tokens: { ...result.tokens, expiresAt } };
  },

  profile(req: any): SocialProfile | null {
    return PendingSignUp.read(req)?.profile ?? null;
  },

  discard(req: any): void {
    if (req.session) delete req.session[KEY];
  },
};
