/** The options with defaults applied and validated (`ResolvedSocialOptions`). */
export const RESOLVED_SOCIAL_OPTIONS = Symbol('nestjs-social:resolved-options');
/** The `TokenCipher` of `tokenEncryptionKeys`, or null when encryption is off. */
export const SOCIAL_TOKEN_CIPHER = Symbol('nestjs-social:token-cipher');
