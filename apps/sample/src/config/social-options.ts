import {
  type OAuthStateStore,
  RedisOAuthStateStore,
  SessionOAuthStateStore,
  type SocialModuleOptions,
  type SocialProviderOptions,
  TypeOrmOAuthStateStore,
} from 'nestjs-social';
import type { Type } from '@nestjs/common';
import {
  SANDBOX_DEFAULT_CLIENTS,
  sandboxEndpoints,
} from '../../../provider-sandbox/src/sandbox.endpoints.js';
import { SampleSocialUsers } from '../users/sample-social-users.js';
import { OIDC_PROVIDER_ID, oidcProviderOptions } from './oidc-provider-options.js';
import type { SampleConfig, StateStoreChoice } from './sample-config.js';

const PROVIDERS = ['twitter', 'facebook', 'google', 'foursquare'] as const;

/** X's OAuth 2.0, with the scope the status demo needs to post (`tweet.write`). */
const X_OAUTH2: SocialProviderOptions = {
  protocol: 'oauth2',
  scope: ['tweet.read', 'tweet.write', 'users.read', 'offline.access'],
};

/**
 * nestjs-social options from the environment. A provider with `SOCIAL_<P>_KEY` set uses those
 * credentials and its real endpoints (or the `SOCIAL_<P>_*_URL` overrides); one without uses
 * the provider sandbox, so the sample runs with no credentials at all. The same goes for the
 * extra OpenID Connect provider (`SOCIAL_OIDC_*`), and `SOCIAL_TWITTER_PROTOCOL=oauth2` puts
 * Twitter on X's OAuth 2.0.
 */
export function socialOptions(config: SampleConfig): SocialModuleOptions {
  const sandboxClients = SANDBOX_DEFAULT_CLIENTS(config.appUrl);
  const sandbox = sandboxEndpoints(config.sandboxUrl);
  const providers: Record<string, SocialProviderOptions> = {};
  for (const id of PROVIDERS) {
    const P = id.toUpperCase();
    const key = config.env[`SOCIAL_${P}_KEY`];
    const secret = config.env[`SOCIAL_${P}_SECRET`];
    const client = sandboxClients.find((c) => c.provider === id)!;
    const xOAuth2 = id === 'twitter' && config.env.SOCIAL_TWITTER_PROTOCOL === 'oauth2';
    const credentials = credentialsFor(
      id === 'twitter' && !xOAuth2,
      key ?? client.clientId,
      key ? secret : client.clientSecret,
    );
    const endpoints = xOAuth2 ? { ...X_OAUTH2, ...sandbox.twitterOAuth2 } : sandbox[id];
    providers[id] = key
      ? {
          ...credentials,
          ...(xOAuth2 ? X_OAUTH2 : {}),
          ...endpointOverrides(config.env, P, id === 'twitter' && !xOAuth2),
        }
      : { ...credentials, ...endpoints };
  }
  const { clientId, clientSecret } = sandboxClients.find((c) => c.provider === OIDC_PROVIDER_ID)!;
  providers[OIDC_PROVIDER_ID] = oidcProviderOptions(config.env, sandbox, {
    clientId,
    clientSecret,
  });
  return {
    appUrl: config.appUrl,
    users: SampleSocialUsers,
    loginPage: '/login',
    loginRedirect: '/profile',
    connectAllowRedirect: '/profile',
    connectDenyRedirect: '/profile',
    signUpPage: '/register/provider',
    tokenEncryptionKeys: config.tokenKeys,
    ...(config.redisUrl ? { redis: config.redisUrl } : {}),
    providers,
  };
}

/** OAuth 1.0a's consumer key and secret, or OAuth 2's client id and secret. */
function credentialsFor(
  oauth1: boolean,
  key: string,
  secret: string | undefined,
): SocialProviderOptions {
  return oauth1
    ? { consumerKey: key, consumerSecret: secret }
    : { clientId: key, clientSecret: secret };
}

/**
 * `SOCIAL_<P>_<SUFFIX>` -> the option it sets, per protocol: OAuth 1.0a (Twitter) names its
 * authorization and token endpoints `userAuthorizationURL` and `accessTokenURL`, so the same two
 * variables reach them there. A variable that fits no key of the provider's protocol is still
 * passed on, and the module refuses it at boot (never silently ignored).
 */
export const ENDPOINT_VARIABLES = {
  oauth2: {
    AUTHORIZATION_URL: 'authorizationURL',
    TOKEN_URL: 'tokenURL',
    PROFILE_URL: 'userProfileURL',
    API_URL: 'apiURL',
    REVOKE_URL: 'revokeURL',
    JWKS_URL: 'jwksURL',
    REQUEST_TOKEN_URL: 'requestTokenURL',
  },
  oauth1: {
    REQUEST_TOKEN_URL: 'requestTokenURL',
    AUTHORIZATION_URL: 'userAuthorizationURL',
    TOKEN_URL: 'accessTokenURL',
    PROFILE_URL: 'userProfileURL',
    API_URL: 'apiURL',
    REVOKE_URL: 'revokeURL',
    JWKS_URL: 'jwksURL',
  },
} as const satisfies Record<string, Record<string, keyof SocialProviderOptions>>;

/** The endpoint overrides of the `SOCIAL_<P>_*_URL` variables that are set. */
function endpointOverrides(
  env: NodeJS.ProcessEnv,
  P: string,
  oauth1: boolean,
): SocialProviderOptions {
  const overrides: SocialProviderOptions = {};
  for (const [suffix, key] of Object.entries(ENDPOINT_VARIABLES[oauth1 ? 'oauth1' : 'oauth2'])) {
    const value = env[`SOCIAL_${P}_${suffix}`];
    if (value) overrides[key] = value;
  }
  return overrides;
}

/** The `stateStore` extra of `SOCIAL_STATE_STORE`. */
export function stateStoreClass(choice: StateStoreChoice = 'session'): Type<OAuthStateStore> {
  return {
    session: SessionOAuthStateStore,
    database: TypeOrmOAuthStateStore,
    redis: RedisOAuthStateStore,
  }[choice];
}
