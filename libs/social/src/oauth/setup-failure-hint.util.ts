import type { ProviderSetupFailureReason, ResolvedProviderConfig } from '../social.types.js';

/**
 * What to fix when a provider refused the app's own registration, for the log line: the
 * options holding the credentials, or the exact callback URL to register at the provider.
 */
export function setupFailureHint(
  reason: ProviderSetupFailureReason,
  config: Pick<ResolvedProviderConfig, 'id' | 'protocol'>,
  callbackURL: string,
): string {
  const { id } = config;
  switch (reason) {
    case 'client_rejected':
      return config.protocol === 'oauth1'
        ? `the provider refused the consumer credentials: check providers.${id}.consumerKey and consumerSecret (the app's "API key" and "API key secret")`
        : `the provider refused the client credentials (wrong client secret?): check providers.${id}.clientId and clientSecret`;
    case 'callback_not_approved':
      return `the provider has not approved the callback URL ${callbackURL}: add it, exactly, to the app's callback URLs at the provider (X developer portal: User authentication settings)`;
    case 'redirect_uri_mismatch':
      return `the provider refused the redirect_uri ${callbackURL}: register it, exactly, as a redirect URI of the app at the provider (it is built from appUrl and urlPrefix)`;
  }
}

const SETUP_REASONS = new Set<string>([
  'client_rejected',
  'callback_not_approved',
  'redirect_uri_mismatch',
]);

/** Whether a failure reason is the app's registration refused by the provider. */
export function isSetupFailure(reason: string): reason is ProviderSetupFailureReason {
  return SETUP_REASONS.has(reason);
}
