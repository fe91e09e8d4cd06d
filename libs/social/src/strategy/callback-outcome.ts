import type { SocialFlow } from '../providers/provider-definition.interface.js';
import type { SocialAuthResult } from '../providers/social-profile.interface.js';
import type { SocialErrorCode } from '../social.errors.js';

/** How a provider callback ended, before the module acts on it. */
export type CallbackOutcome =
  | { kind: 'authenticated'; result: SocialAuthResult; flow: SocialFlow }
  | { kind: 'denied' }
  | { kind: 'failed'; status: number; code: SocialErrorCode };
