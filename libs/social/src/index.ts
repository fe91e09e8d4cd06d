// The one public entry point of nestjs-social, listed file by file.
export * from './social.module.js';
export type { SocialModuleAsyncOptions, SocialModuleExtras } from './social.module-definition.js';
export type { StrictSocialOptions } from './options/strict-options.types.js';
export * from './social.constants.js';
export * from './social.types.js';
export * from './social.exceptions.js';
export * from './social.events.js';
export * from './social-users.js';
export * from './social.service.js';
export * from './options/social-options.interface.js';
export { SocialController } from './http/social.controller.js';
export { ProviderAuthGuard, SocialAuthGuard } from './http/social-auth.guard.js';
export {
  CurrentProvider,
  SOCIAL_AUTH_PROPERTY,
  SocialAuth,
  SocialRoundTrip,
} from './http/social.decorators.js';
export type { SocialAnswer, SocialAnswerKind } from './http/social-answers.js';
export type { FlashCategory } from './http/flash.util.js';
export { SocialMessages } from './http/social.messages.js';
export { safeRedirectPath } from './http/redirect-target.util.js';
export { isInfrastructureFailure } from './http/infrastructure-error.util.js';
export type { ConnectOutcome, DisconnectOutcome, LoginOutcome } from './flows/flow-outcomes.js';
export type { CreateUserFromSignUp } from './flows/sign-up.flow.js';
export type { SocialAuthOutcome, SocialCallbackOutcome } from './oauth/social-auth-outcome.js';
export type { CompletedRoundTrip } from './oauth/round-trip-state.js';
export {
  OAuthStateStore,
  type PendingRoundTrip,
  ROUND_TRIP_TTL_MS,
} from './oauth/oauth-state.store.js';
export {
  SocialStrategy,
  type SocialStrategyDeps,
  type SocialStrategyInstance,
} from './oauth/social.strategy.js';
export * from './connections/connection.entity.js';
export { SOCIAL_ENTITIES } from './social.entities.js';
export { SOCIAL_MIGRATIONS } from './connections/migrations/index.js';
export { OAuthStateRecord } from './oauth/oauth-state.entity.js';
export { SessionOAuthStateStore } from './oauth/session-oauth-state.store.js';
export { TypeOrmOAuthStateStore } from './oauth/typeorm-oauth-state.store.js';
export { RedisOAuthStateStore, type RedisStateClient } from './oauth/redis-oauth-state.store.js';
export * from './connections/connection.repository.js';
export * from './connections/typeorm-connection.repository.js';
export type { NewConnection, PublicConnection } from './connections/connection-values.js';
export { toPublicConnection } from './connections/connection-values.js';
export * from './providers/api-client.js';
export type {
  EnabledProvider,
  SocialProviderDefinition,
  SocialStrategyClass,
} from './providers/provider-definition.interface.js';
export { twitterProvider } from './providers/twitter.provider.js';
export { facebookProvider } from './providers/facebook.provider.js';
export { googleProvider } from './providers/google.provider.js';
export { foursquareProvider } from './providers/foursquare.provider.js';
export { twitterOAuth2Provider } from './providers/twitter-oauth2.provider.js';
export { oidcProvider, type OidcProviderSpec } from './providers/oidc.provider.js';
export { oauth2Provider } from './providers/oauth2.provider.js';
export type {
  MappedProfile,
  OAuth2ProfileMapping,
  OAuth2ProviderSpec,
  PassportOAuth2StrategyClass,
} from './providers/oauth2-provider-spec.js';
export { HttpApiClient, type RequestAuthorizer } from './providers/http-api-client.js';
export { bearerApiClient } from './providers/bearer-api-client.util.js';
export { TokenCipher, type TokenBinding, type TokenColumn } from './crypto/token-cipher.js';
export { parseTokenKeys } from './crypto/token-keyring.js';
export { reencryptTokens } from './crypto/reencrypt-tokens.js';
// issue 11: the providers' own API clients and the connection status
export type { ApiClientContext, RefreshedAccess } from './providers/api-client-context.js';
export type { ErrorAnswerHook } from './providers/http-api-client.js';
export {
  appSecretProof,
  FacebookGraphClient,
  type GraphPost,
  type GraphUser,
} from './providers/facebook-graph.client.js';
export {
  FoursquareClient,
  type FoursquareCheckin,
  type FoursquareUser,
} from './providers/foursquare.client.js';
// Issue 11: revocation queue, provider-initiated callbacks, audit trail.
export * from './connections/revocation-queue.js';
export { TypeOrmRevocationQueue } from './connections/typeorm-revocation-queue.js';
export { RevocationRequest } from './connections/revocation-request.entity.js';
export * from './connections/connection-audit.entity.js';
export * from './connections/connection-audit-log.js';
export { DataDeletionRequest } from './connections/data-deletion-request.entity.js';
export {
  type AuditContext,
  currentAuditContext,
  runWithAuditContext,
} from './connections/audit-context.js';
export {
  type AuditChange,
  type AuditedConnection,
  auditInTransaction,
} from './connections/audit-in-transaction.util.js';
export { RevocationWorker } from './flows/revocation.worker.js';
export { RevocationFailedError } from './providers/revocation-answer.util.js';
export {
  type FacebookSignedRequest,
  parseFacebookSignedRequest,
  SignedRequestError,
} from './providers/facebook-signed-request.util.js';
export type { DataDeletionAnswer } from './http/provider-callbacks.js';
