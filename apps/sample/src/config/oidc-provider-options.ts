import type { SocialProviderOptions } from 'nestjs-social';
import type { SandboxEndpoints } from '../../../provider-sandbox/src/sandbox.endpoints.js';

/** The sample's extra OpenID Connect provider, under the id `oidc` (`/login/oidc`, `/connect/oidc`). */
export const OIDC_PROVIDER_ID = 'oidc';

/**
 * Any OpenID Connect provider (Keycloak, Okta, Auth0, Microsoft…) from the environment:
 * `SOCIAL_OIDC_ISSUER` with `SOCIAL_OIDC_CLIENT_ID` and `SOCIAL_OIDC_CLIENT_SECRET`, named
 * `SOCIAL_OIDC_NAME` on its buttons ("OpenID Connect"). Without an issuer, the sandbox's.
 */
export function oidcProviderOptions(
  env: NodeJS.ProcessEnv,
  sandbox: SandboxEndpoints,
  sandboxClient: { clientId: string; clientSecret: string },
): SocialProviderOptions {
  const issuer = env.SOCIAL_OIDC_ISSUER || undefined;
  return {
    type: 'oidc',
    name: env.SOCIAL_OIDC_NAME || 'OpenID Connect',
    ...(issuer
      ? {
          issuer,
          clientId: env.SOCIAL_OIDC_CLIENT_ID,
          clientSecret: env.SOCIAL_OIDC_CLIENT_SECRET,
        }
      : { issuer: sandbox.oidc.issuer, ...sandboxClient }),
  };
}
