import { GENERATE_TOKEN_KEY_COMMAND, parseTokenKeyring } from '../crypto/token-keyring.js';
import type {
  EnabledProvider,
  SocialProviderDefinition,
} from '../providers/provider-definition.interface.js';
import type { RedisStateClient } from '../oauth/redis-oauth-state.store.js';
import { BUILT_IN_PROVIDERS } from '../providers/provider.registry.js';
import { SocialOptionsError } from '../social.exceptions.js';
import type {
  OpenIdSettings,
  ResolvedProviderConfig,
  SocialProviderEndpoints,
} from '../social.types.js';
import { assertProductionTransport } from './production-transport.util.js';
import { definitionFor } from './provider-kinds.js';
import { assertKeysApply } from './provider-keys.util.js';
import {
  type ResolvedAudit,
  type ResolvedRevocation,
  resolveAudit,
  resolveRevocation,
} from './lifecycle-options.resolver.js';
import type { SocialModuleOptions, SocialProviderOptions } from './social-options.interface.js';

/** Options with every default applied and every provider resolved. */
export interface ResolvedSocialOptions {
  appUrl: string;
  urlPrefix: string;
  connectAllowRedirect: string;
  connectDenyRedirect: string;
  loginRedirect: string;
  loginPage: string;
  signUpPage?: string;
  flashMessages: boolean;
  postOAuthConnectSessionKey: string;
  postOAuthLoginSessionKey: string;
  providerTimeoutMs: number;
  /** Production lets plain http through to loopback hosts (see the option). */
  allowInsecureHttp: boolean;
  /** Validated keyring (current key first), or false for plaintext storage. */
  tokenEncryptionKeys: readonly string[] | false;
  /** Redis settings, when given (see `redis`). */
  redis?: ResolvedRedis;
  users: SocialModuleOptions['users'];
  providers: ReadonlyMap<string, EnabledProvider>;
  revocation: ResolvedRevocation;
  audit: ResolvedAudit;
}

const DEFAULTS = {
  connectAllowRedirect: '/',
  connectDenyRedirect: '/',
  loginRedirect: '/',
  loginPage: '/login',
  flashMessages: true,
  postOAuthConnectSessionKey: 'post_oauth_connect_url',
  postOAuthLoginSessionKey: 'post_oauth_login_url',
  providerTimeoutMs: 10_000,
} as const;

const KNOWN_KEYS = new Set([
  ...Object.keys(DEFAULTS),
  'signUpPage',
  'providers',
  'appUrl',
  'users',
  'customProviders',
  'tokenEncryptionKeys',
  'redis',
  'allowInsecureHttp',
  'revocation',
  'audit',
]);
const ENDPOINT_KEYS: (keyof SocialProviderEndpoints)[] = [
  'authorizationURL',
  'tokenURL',
  'userProfileURL',
  'apiURL',
  'requestTokenURL',
  'accessTokenURL',
  'userAuthorizationURL',
  'revokeURL',
  'jwksURL',
];
const PROVIDER_KEYS = new Set<string>([
  'clientId',
  'clientSecret',
  'consumerKey',
  'consumerSecret',
  'scope',
  'name',
  'issuer',
  'hostedDomain',
  'type',
  'protocol',
  'profile',
  'pkce',
  'clientAuthentication',
  ...ENDPOINT_KEYS,
]);
const CLIENT_AUTHENTICATIONS = ['client_secret_basic', 'client_secret_post'];
const PROVIDER_ID = /^[a-z][a-z0-9_-]{0,31}$/;

/**
 * Applies the defaults and checks everything once, at boot. Unknown keys are an error with the
 * list of valid ones (Flask-Social crashed on them with a TypeError, issue #62), never ignored.
 */
export function resolveSocialOptions(
  options: SocialModuleOptions,
  urlPrefix = '',
  env: NodeJS.ProcessEnv = process.env,
): ResolvedSocialOptions {
  if (!options || typeof options !== 'object') {
    throw new SocialOptionsError(
      'options are missing: pass an object to forRoot() or return one from the factory',
    );
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new SocialOptionsError(
        `unknown option "${key}"; valid options are ${[...KNOWN_KEYS].sort().join(', ')} ` +
          '(urlPrefix, dataSource and isGlobal go beside them, as forRoot/forRootAsync extras)',
      );
    }
  }
  const appUrl = absoluteUrl(options.appUrl, 'appUrl').replace(/\/+$/, '');
  if (typeof options.users !== 'function') {
    throw new SocialOptionsError('users is required: a class implementing SocialUsers');
  }
  const merged = { ...DEFAULTS, ...withoutUndefined(options) };
  for (const key of [
    ...(merged.signUpPage === undefined ? [] : (['signUpPage'] as const)),
    'connectAllowRedirect',
    'connectDenyRedirect',
    'loginRedirect',
    'loginPage',
  ] as const) {
    if (
      typeof merged[key] !== 'string' ||
      !merged[key].startsWith('/') ||
      merged[key].startsWith('//')
    ) {
      throw new SocialOptionsError(
        `${key} must be a path on this app starting with "/", got ${JSON.stringify(merged[key])}`,
      );
    }
  }
  if (options.allowInsecureHttp !== undefined && typeof options.allowInsecureHttp !== 'boolean') {
    throw new SocialOptionsError('allowInsecureHttp must be true or false');
  }
  if (!Number.isInteger(merged.providerTimeoutMs) || merged.providerTimeoutMs <= 0) {
    throw new SocialOptionsError('providerTimeoutMs must be a positive integer (milliseconds)');
  }
  const resolved: ResolvedSocialOptions = {
    ...merged,
    users: options.users,
    allowInsecureHttp: options.allowInsecureHttp === true,
    tokenEncryptionKeys: resolveTokenKeys(options.tokenEncryptionKeys),
    redis: resolveRedis(options.redis),
    revocation: resolveRevocation(options.revocation),
    audit: resolveAudit(options.audit),
    appUrl,
    urlPrefix: normalizePrefix(urlPrefix),
    providers: resolveProviders(options, merged.providerTimeoutMs),
  };
  assertProductionTransport(
    resolved.appUrl,
    [...resolved.providers.values()].map(({ config }) => ({
      id: config.id,
      endpoints: config.endpoints,
    })),
    env,
    resolved.allowInsecureHttp,
  );
  return resolved;
}

function resolveProviders(options: SocialModuleOptions, timeoutMs: number) {
  if (!options.providers || typeof options.providers !== 'object') {
    throw new SocialOptionsError(
      'providers is required: e.g. { google: { clientId, clientSecret } }',
    );
  }
  const definitions = new Map(BUILT_IN_PROVIDERS);
  for (const custom of options.customProviders ?? []) {
    if (!PROVIDER_ID.test(custom?.id ?? '')) {
      throw new SocialOptionsError(
        `customProviders: id ${JSON.stringify(custom?.id)} must match ${PROVIDER_ID}`,
      );
    }
    definitions.set(custom.id, custom);
  }
  const resolved = new Map<string, EnabledProvider>();
  for (const [id, providerOptions] of Object.entries(options.providers)) {
    // `twitter: undefined` (e.g. from an unset environment variable) simply leaves it off.
    if (providerOptions === undefined || providerOptions === null) continue;
    if (providerOptions.type !== undefined && !PROVIDER_ID.test(id)) {
      throw new SocialOptionsError(`providers: id ${JSON.stringify(id)} must match ${PROVIDER_ID}`);
    }
    const definition = definitionFor(id, providerOptions, definitions);
    if (!definition) {
      throw new SocialOptionsError(
        `unknown provider "${id}"; built in: ${[...BUILT_IN_PROVIDERS.keys()].join(', ')}. ` +
          "Add others with type: 'oidc' (an OpenID Connect issuer), type: 'oauth2', or customProviders.",
      );
    }
    resolved.set(id, {
      definition,
      config: resolveProvider(definition, providerOptions, timeoutMs),
    });
  }
  return resolved;
}

function resolveProvider(
  definition: SocialProviderDefinition,
  options: SocialProviderOptions,
  timeoutMs: number,
): ResolvedProviderConfig {
  const id = definition.id;
  for (const name of Object.keys(options)) {
    if (!PROVIDER_KEYS.has(name)) {
      throw new SocialOptionsError(
        `unknown option "providers.${id}.${name}"; valid ones are ${[...PROVIDER_KEYS].join(', ')}`,
      );
    }
  }
  assertKeysApply(id, definition, options);
  const [keyName, secretName] =
    definition.protocol === 'oauth1'
      ? (['consumerKey', 'consumerSecret'] as const)
      : (['clientId', 'clientSecret'] as const);
  const key = options[keyName];
  const secret = options[secretName];
  for (const [name, value] of [
    [keyName, key],
    [secretName, secret],
  ] as const) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new SocialOptionsError(`providers.${id}.${name} is required when ${id} is enabled`);
    }
  }
  const endpoints: SocialProviderEndpoints = { ...definition.endpoints };
  for (const name of ENDPOINT_KEYS) {
    if (options[name] !== undefined)
      endpoints[name] = absoluteUrl(options[name], `providers.${id}.${name}`);
  }
  if (
    options.scope !== undefined &&
    (!Array.isArray(options.scope) || options.scope.some((s) => typeof s !== 'string'))
  ) {
    throw new SocialOptionsError(`providers.${id}.scope must be an array of strings`);
  }
  if (
    options.clientAuthentication !== undefined &&
    !CLIENT_AUTHENTICATIONS.includes(options.clientAuthentication)
  ) {
    throw new SocialOptionsError(
      `providers.${id}.clientAuthentication must be ${CLIENT_AUTHENTICATIONS.join(' or ')}`,
    );
  }
  // The built-in issuer only holds for the built-in endpoints: pointed elsewhere without an
  // `issuer` option, the callback's `iss` is checked against that server's origin instead.
  const issuer =
    options.issuer !== undefined
      ? absoluteUrl(options.issuer, `providers.${id}.issuer`)
      : options.authorizationURL === undefined
        ? definition.issuer
        : undefined;
  return {
    id,
    name: options.name ?? definition.name,
    protocol: definition.protocol,
    pkce: definition.pkce === true,
    key: key!,
    secret: secret!,
    scope: options.scope ?? definition.scope,
    endpoints,
    apiURL: endpoints.apiURL ?? definition.endpoints.apiURL,
    issuer,
    hostedDomain: options.hostedDomain,
    timeoutMs,
    openId: openIdSettings(definition, endpoints, issuer, options.issuer !== undefined),
    clientAuthentication: options.clientAuthentication ?? definition.clientAuthentication,
    grantRefusedErrors: definition.grantRefusedErrors,
    requireIss: definition.requireIss === true && issuer !== undefined,
  };
}

/**
 * How a built-in OpenID Connect provider's ID tokens are checked (Google): its keys, and the
 * issuer spellings accepted (only the configured one when `issuer` is set; none with other
 * endpoints and no `issuer`, then the authorization endpoint's origin decides).
 */
function openIdSettings(
  definition: SocialProviderDefinition,
  endpoints: SocialProviderEndpoints,
  issuer: string | undefined,
  issuerConfigured: boolean,
): OpenIdSettings | undefined {
  if (!definition.openId || !endpoints.jwksURL) return undefined;
  const aliases = issuerConfigured ? [] : (definition.openId.issuerAliases ?? []);
  return {
    jwksURL: endpoints.jwksURL,
    algorithms: definition.openId.algorithms,
    issuers: issuer ? [issuer, ...aliases] : [],
    offlineAccess: false,
  };
}

/** Encryption at rest is the default: leaving the keys out is an error, plaintext is opted into. */
function resolveTokenKeys(keys: unknown): readonly string[] | false {
  if (keys === false) return false;
  if (keys === undefined) {
    throw new SocialOptionsError(
      'tokenEncryptionKeys is required: provider tokens are encrypted at rest. Pass ' +
        '["<kid>:<base64 of 32 random bytes>"] (generate one with: ' +
        `${GENERATE_TOKEN_KEY_COMMAND}), or tokenEncryptionKeys: false to store tokens in ` +
        'plaintext (only for tests and throwaway setups)',
    );
  }
  parseTokenKeyring(keys);
  return Object.freeze([...(keys as string[])]);
}

/** The Redis connection of `redis`: a URL to connect to, or the app's own client. */
export type ResolvedRedis =
  { url: string; keyPrefix: string } | { client: RedisStateClient; keyPrefix: string };

const REDIS_KEY_PREFIX = 'social:oauth-state:';

function resolveRedis(redis: SocialModuleOptions['redis']): ResolvedRedis | undefined {
  if (redis === undefined) return undefined;
  const given = typeof redis === 'string' ? { url: redis } : redis;
  const keyPrefix = given?.keyPrefix ?? REDIS_KEY_PREFIX;
  if (typeof keyPrefix !== 'string')
    throw new SocialOptionsError('redis.keyPrefix must be a string');
  if (given && 'client' in given) {
    if (typeof given.client?.getdel !== 'function') {
      throw new SocialOptionsError(
        'redis.client must be an ioredis client (Redis 6.2+ for GETDEL)',
      );
    }
    return { client: given.client, keyPrefix };
  }
  const url = (given as { url?: unknown } | null)?.url;
  if (typeof url !== 'string' || !/^rediss?:\/\/[^/]/.test(url) || !URL.canParse(url)) {
    throw new SocialOptionsError(
      `redis must be a redis:// or rediss:// URL, { url, keyPrefix } or { client }, got ${JSON.stringify(typeof url === 'string' ? url.replace(/\/\/[^@/]*@/, '//***@') : url)}`,
    );
  }
  return { url, keyPrefix };
}

function absoluteUrl(value: unknown, name: string): string {
  try {
    if (typeof value !== 'string') throw new Error();
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
    return value;
  } catch {
    throw new SocialOptionsError(
      `${name} must be an absolute http(s) URL, got ${JSON.stringify(value)}`,
    );
  }
}

/** "auth/" or "/auth" -> "/auth"; "" stays "". */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  if (trimmed && !/^[A-Za-z0-9._~\-/]+$/.test(trimmed)) {
    throw new SocialOptionsError(
      `urlPrefix ${JSON.stringify(prefix)} may only hold path characters`,
    );
  }
  return trimmed ? `/${trimmed}` : '';
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
