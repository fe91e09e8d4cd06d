import {
  type OAuthStateStore,
  RedisOAuthStateStore,
  SessionOAuthStateStore,
  type SocialModuleOptions,
  type SocialProviderOptions,
  TypeOrmOAuthStateStore,
} from 'nestjs-social';
import type { Type } from '@nestjs/common';
import { SANDBOX_DEFAULT_CLIENTS, sandboxEndpoints } from '../../../provider-sandbox/src/index.js';
import { SampleSocialUsers } from '../users/sample-social-users.js';
import type { SampleConfig, StateStoreChoice } from './sample-config.js';

const PROVIDERS = ['twitter', 'facebook', 'google', 'foursquare'] as const;

/**
 * nestjs-social options from the environment. A provider with `SOCIAL_<P>_KEY` set uses those
 * credentials and its real endpoints (or the `SOCIAL_<P>_*_URL` overrides); one without uses
 * the provider sandbox, so the sample runs with no credentials at all.
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
    const credentials = credentialsFor(
      id,
      key ?? client.clientId,
      key ? secret : client.clientSecret,
    );
    providers[id] = key
      ? { ...credentials, ...overrides(config.env, P) }
      : { ...credentials, ...sandbox[id] };
  }
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

function credentialsFor(
  id: string,
  key: string,
  secret: string | undefined,
): SocialProviderOptions {
  return id === 'twitter'
    ? { consumerKey: key, consumerSecret: secret }
    : { clientId: key, clientSecret: secret };
}

function overrides(env: NodeJS.ProcessEnv, P: string): SocialProviderOptions {
  const value = (name: string) => env[`SOCIAL_${P}_${name}`] || undefined;
  return {
    authorizationURL: value('AUTHORIZATION_URL'),
    tokenURL: value('TOKEN_URL'),
    userProfileURL: value('PROFILE_URL'),
    requestTokenURL: value('REQUEST_TOKEN_URL'),
  };
}

/** The `stateStore` extra of `SOCIAL_STATE_STORE`. */
export function stateStoreClass(choice: StateStoreChoice = 'session'): Type<OAuthStateStore> {
  return {
    session: SessionOAuthStateStore,
    database: TypeOrmOAuthStateStore,
    redis: RedisOAuthStateStore,
  }[choice];
}
