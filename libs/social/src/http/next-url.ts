import { Inject, Injectable } from '@nestjs/common';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import type { SocialFlow } from '../social.types.js';
import { safeRedirectPath } from './redirect-target.util.js';

/**
 * The one place that decides where the browser goes after a round trip or a disconnect: the
 * `next` form field when it is a safe path on this app, else the default for the flow. It is
 * validated when the round trip starts, kept with it server-side, and validated again when the
 * round trip comes back; never the Referer (Flask-Social crashed without one).
 */
@Injectable()
export class NextUrl {
  constructor(@Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions) {}

  /** Where a round trip of this flow ends, given the `next` asked for. */
  after(flow: SocialFlow, next: unknown): string {
    return safeRedirectPath(
      next,
      flow === 'login' ? this.options.loginRedirect : this.options.connectAllowRedirect,
    );
  }

  /** Where a disconnect ends, given the `next` asked for. */
  afterDisconnect(next: unknown): string {
    return safeRedirectPath(next, this.options.connectAllowRedirect);
  }
}
