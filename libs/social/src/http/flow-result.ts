import type { SocialErrorCode } from '../social.errors.js';

/** Flash categories, as Flask-Social used them. */
export type FlashCategory = 'success' | 'info' | 'notice' | 'error';

/** What a route answers: a redirect with a flash message for browsers, JSON for API clients. */
export interface FlowResult {
  /** HTTP status of the JSON answer (browsers always get a redirect). */
  status: number;
  /** Where the browser goes next. */
  redirect: string;
  flash?: { category: FlashCategory; message: string };
  /** Set on failures. */
  code?: SocialErrorCode;
  /** Extra JSON fields (never tokens). */
  data?: Record<string, unknown>;
}
