// The one public entry point of nestjs-social, listed file by file.
export * from './social.module.js';
export type { SocialModuleExtras } from './social.module-definition.js';
export * from './social.constants.js';
export * from './social-options.interface.js';
export * from './social-options.error.js';
export * from './social-users.js';
export * from './social.service.js';
export { NoPendingSignUpError, type CreateUserFromSignUp } from './social-sign-up.service.js';
export * from './social.events.js';
export * from './social.errors.js';
export * from './social.messages.js';
export * from './connections/connection.entity.js';
export * from './connections/connection.repository.js';
export * from './connections/typeorm-connection.repository.js';
export type { NewConnection, PublicConnection } from './connections/connection-values.js';
export { toPublicConnection } from './connections/connection-values.js';
export * from './api/api-client.js';
export type {
  ResolvedProviderConfig,
  SocialFlow,
  SocialProviderDefinition,
  StrategyWiring,
} from './providers/provider-definition.interface.js';
export type * from './providers/social-profile.interface.js';
export { InvalidProfileError, ProfileNotAllowedError } from './providers/profile-fields.util.js';
export { twitterProvider } from './providers/twitter.provider.js';
export { facebookProvider } from './providers/facebook.provider.js';
export { googleProvider } from './providers/google.provider.js';
export { foursquareProvider } from './providers/foursquare.provider.js';
export { HttpApiClient, type RequestAuthorizer } from './api/http-api-client.js';
export { safeRedirectPath } from './security/redirect-target.util.js';
export {
  TokenCipher,
  TokenDecryptError,
  type TokenBinding,
  type TokenColumn,
} from './security/token-cipher.js';
export { parseTokenKeys } from './security/token-keyring.js';
export { reencryptTokens } from './cli/reencrypt-tokens.js';
