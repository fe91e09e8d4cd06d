/** The options with defaults applied and validated (`ResolvedSocialOptions`). */
export const RESOLVED_SOCIAL_OPTIONS = Symbol('nestjs-social:resolved-options');
