import { ID_TOKEN_ALGORITHMS } from '../oauth/id-token.verifier.js';
import { ProviderDiscoveryError } from '../social.exceptions.js';
import type { ClientAuthentication, ResolvedProviderConfig } from '../social.types.js';

/** The fields of an OpenID Provider's metadata the module uses (OpenID Connect Discovery 1.0 §3). */
interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  revocation_endpoint?: string;
  response_types_supported?: string[];
  scopes_supported?: string[];
  id_token_signing_alg_values_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
  code_challenge_methods_supported?: string[];
  authorization_response_iss_parameter_supported?: boolean;
}

/** The client authentication methods the module can use, in order of preference. */
const CLIENT_AUTHENTICATIONS: ClientAuthentication[] = [
  'client_secret_basic',
  'client_secret_post',
];

/**
 * Reads `<issuer>/.well-known/openid-configuration` at boot and completes the provider's settings:
 * endpoints (the provider's own overrides win), the ID token keys and algorithms, the client
 * authentication it advertises and whether it sends `iss` on callbacks (RFC 9207). An
 * unreachable issuer or unusable metadata stops the boot with a `ProviderDiscoveryError` that
 * says what to fix.
 */
export async function discoverOpenIdProvider(
  config: ResolvedProviderConfig,
): Promise<ResolvedProviderConfig> {
  const issuer = config.issuer!;
  const fail = (problem: string) => new ProviderDiscoveryError(config.id, problem);
  // Discovery §4: the issuer with any trailing "/" removed, then the well-known path.
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const metadata = await fetchMetadata(url, config.timeoutMs, fail);
  // Discovery §4.3: the document must name exactly the issuer it was fetched for.
  if (metadata.issuer !== issuer) {
    throw fail(
      `${url} names the issuer ${JSON.stringify(metadata.issuer)}, not ${JSON.stringify(issuer)}: ` +
        'set issuer to the exact value the provider publishes',
    );
  }
  for (const name of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (!isHttpUrl(metadata[name])) throw fail(`the discovery document at ${url} has no ${name}`);
  }
  if (metadata.response_types_supported && !metadata.response_types_supported.includes('code')) {
    throw fail('the provider does not offer the authorization code flow (response_type=code)');
  }
  const pkce = metadata.code_challenge_methods_supported;
  if (pkce && !pkce.includes('S256')) throw fail('the provider does not support PKCE with S256');
  // Discovery §3: RS256 is the default, and must be supported.
  const advertised = metadata.id_token_signing_alg_values_supported ?? ['RS256'];
  const algorithms = advertised.filter((alg) => ID_TOKEN_ALGORITHMS.includes(alg));
  if (algorithms.length === 0) {
    throw fail(
      `the provider signs ID tokens with ${advertised.join(', ')} only; nestjs-social accepts ` +
        `${ID_TOKEN_ALGORITHMS.join(', ')}`,
    );
  }
  return {
    ...config,
    endpoints: {
      authorizationURL: metadata.authorization_endpoint,
      tokenURL: metadata.token_endpoint,
      jwksURL: metadata.jwks_uri,
      ...optionalUrls(metadata),
      ...config.endpoints,
    },
    pkce: true,
    openId: {
      jwksURL: config.endpoints.jwksURL ?? metadata.jwks_uri,
      algorithms,
      issuers: [issuer],
      offlineAccess: metadata.scopes_supported?.includes('offline_access') === true,
    },
    clientAuthentication: config.clientAuthentication ?? clientAuthentication(metadata, fail),
    requireIss: metadata.authorization_response_iss_parameter_supported === true,
  };
}

async function fetchMetadata(
  url: string,
  timeoutMs: number,
  fail: (problem: string) => Error,
): Promise<ProviderMetadata> {
  const unreachable = (why: string) =>
    fail(
      `the OpenID Connect issuer could not be discovered (${url}: ${why}). The app does not ` +
        'start without it: check the issuer URL and that the provider is up, or leave the provider out',
    );
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause =
      (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable';
    throw unreachable(cause);
  }
  if (!response.ok) throw unreachable(`HTTP ${response.status}`);
  const json: unknown = await response.json().catch(() => undefined);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw unreachable('not a JSON object');
  }
  return json as ProviderMetadata;
}

function optionalUrls(metadata: ProviderMetadata) {
  return {
    ...(isHttpUrl(metadata.userinfo_endpoint)
      ? { userProfileURL: metadata.userinfo_endpoint }
      : {}),
    ...(isHttpUrl(metadata.revocation_endpoint) ? { revokeURL: metadata.revocation_endpoint } : {}),
  };
}

/** The first method the module prefers among those advertised (Discovery §3: default `client_secret_basic`). */
function clientAuthentication(
  metadata: ProviderMetadata,
  fail: (problem: string) => Error,
): ClientAuthentication {
  const advertised = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const method = CLIENT_AUTHENTICATIONS.find((m) => advertised.includes(m));
  if (!method) {
    throw fail(
      `the token endpoint takes ${advertised.join(', ')}; nestjs-social authenticates with ` +
        `${CLIENT_AUTHENTICATIONS.join(' or ')}`,
    );
  }
  return method;
}

function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\//.test(value) && URL.canParse(value);
}
