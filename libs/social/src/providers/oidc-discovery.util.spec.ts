import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderDiscoveryError } from '../social.exceptions.js';
import type { ResolvedProviderConfig } from '../social.types.js';
import { discoverOpenIdProvider } from './oidc-discovery.util.js';

let server: Server;
let base: string;
/** The discovery document each issuer path serves (a function of the issuer URL). */
const documents = new Map<string, (issuer: string) => unknown>();

const complete = (issuer: string) => ({
  issuer,
  authorization_endpoint: `${issuer}/auth`,
  token_endpoint: `${issuer}/token`,
  userinfo_endpoint: `${issuer}/userinfo`,
  jwks_uri: `${issuer}/certs`,
  revocation_endpoint: `${issuer}/revoke`,
  response_types_supported: ['code', 'id_token'],
  scopes_supported: ['openid', 'offline_access'],
  id_token_signing_alg_values_supported: ['HS256', 'RS256', 'ES256'],
  token_endpoint_auth_methods_supported: [
    'private_key_jwt',
    'client_secret_post',
    'client_secret_basic',
  ],
  code_challenge_methods_supported: ['plain', 'S256'],
  authorization_response_iss_parameter_supported: true,
});

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url!.replace(/\/\.well-known\/openid-configuration$/, '');
    const document = documents.get(path);
    if (!document || path === req.url) {
      res.statusCode = 404;
      return res.end('not found');
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(document(`${base}${path}`)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  documents.set('/complete', complete);
  documents.set('/minimal', (issuer) => ({
    issuer,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/certs`,
  }));
  documents.set('/other-issuer', (issuer) => ({
    ...complete(issuer),
    issuer: 'https://elsewhere.example',
  }));
  documents.set('/no-jwks', (issuer) => ({ ...complete(issuer), jwks_uri: undefined }));
  documents.set('/hs-only', (issuer) => ({
    ...complete(issuer),
    id_token_signing_alg_values_supported: ['HS256'],
  }));
  documents.set('/jwt-auth-only', (issuer) => ({
    ...complete(issuer),
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
  }));
  documents.set('/plain-pkce', (issuer) => ({
    ...complete(issuer),
    code_challenge_methods_supported: ['plain'],
  }));
  documents.set('/implicit-only', (issuer) => ({
    ...complete(issuer),
    response_types_supported: ['id_token'],
  }));
  documents.set('/not-json', () => 'a string');
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function config(
  path: string,
  overrides: Partial<ResolvedProviderConfig> = {},
): ResolvedProviderConfig {
  return {
    id: 'corp',
    name: 'Corp',
    protocol: 'oauth2',
    key: 'id',
    secret: 'secret',
    scope: ['openid'],
    endpoints: {},
    apiURL: `${base}${path}`,
    timeoutMs: 2000,
    pkce: true,
    issuer: `${base}${path}`,
    ...overrides,
  };
}

async function failure(
  path: string,
  overrides: Partial<ResolvedProviderConfig> = {},
): Promise<string> {
  const error = await discoverOpenIdProvider(config(path, overrides)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderDiscoveryError);
  expect((error as Error).message).toMatch(/^nestjs-social: providers\.corp: /);
  return (error as Error).message;
}

describe('OpenID Connect discovery at boot', () => {
  it('takes the endpoints, keys, algorithms, client authentication and iss rule from the document', async () => {
    const issuer = `${base}/complete`;
    const discovered = await discoverOpenIdProvider(config('/complete'));
    expect(discovered).toMatchObject({
      endpoints: {
        authorizationURL: `${issuer}/auth`,
        tokenURL: `${issuer}/token`,
        userProfileURL: `${issuer}/userinfo`,
        revokeURL: `${issuer}/revoke`,
        jwksURL: `${issuer}/certs`,
      },
      // Only the asymmetric algorithms; basic is preferred to post.
      openId: {
        jwksURL: `${issuer}/certs`,
        algorithms: ['RS256', 'ES256'],
        issuers: [issuer],
        offlineAccess: true,
      },
      clientAuthentication: 'client_secret_basic',
      requireIss: true,
      pkce: true,
    });
  });

  it("applies the spec's defaults where the document says nothing, and the options' overrides", async () => {
    const issuer = `${base}/minimal`;
    const discovered = await discoverOpenIdProvider(
      config('/minimal', { endpoints: { tokenURL: 'https://proxy.example.com/token' } }),
    );
    expect(discovered.endpoints).toEqual({
      authorizationURL: `${issuer}/auth`,
      tokenURL: 'https://proxy.example.com/token',
      jwksURL: `${issuer}/certs`,
    });
    expect(discovered).toMatchObject({
      openId: { algorithms: ['RS256'], offlineAccess: false },
      clientAuthentication: 'client_secret_basic',
      requireIss: false,
    });
    const post = await discoverOpenIdProvider(
      config('/minimal', { clientAuthentication: 'client_secret_post' }),
    );
    expect(post.clientAuthentication).toBe('client_secret_post');
  });

  it('reads an issuer that ends in "/" (Auth0) at <issuer without the slash>/.well-known/… (Discovery §4)', async () => {
    documents.set('/tenant', (issuer) => complete(`${issuer}/`));
    const discovered = await discoverOpenIdProvider(
      config('/tenant', { issuer: `${base}/tenant/` }),
    );
    expect(discovered.openId?.issuers).toEqual([`${base}/tenant/`]);
  });

  it.each([
    [
      '/other-issuer',
      /names the issuer "https:\/\/elsewhere\.example", not ".*\/other-issuer": set issuer to the exact value/,
    ],
    ['/no-jwks', /has no jwks_uri/],
    ['/hs-only', /signs ID tokens with HS256 only; nestjs-social accepts RS256/],
    [
      '/jwt-auth-only',
      /the token endpoint takes private_key_jwt; nestjs-social authenticates with client_secret_basic or client_secret_post/,
    ],
    ['/plain-pkce', /does not support PKCE with S256/],
    ['/implicit-only', /does not offer the authorization code flow/],
    ['/not-json', /could not be discovered \(.*: not a JSON object\)/],
    [
      '/missing',
      /could not be discovered \(.*\/missing\/\.well-known\/openid-configuration: HTTP 404\)\. The app does not start without it/,
    ],
  ])('%s stops the boot with what to fix', async (path, message) => {
    expect(await failure(path)).toMatch(message);
  });

  it('an issuer nobody answers for stops the boot', async () => {
    expect(await failure('/x', { issuer: 'http://127.0.0.1:1/x' })).toMatch(
      /the OpenID Connect issuer could not be discovered \(http:\/\/127\.0\.0\.1:1\/x\/\.well-known\/openid-configuration: unreachable\)/,
    );
  });
});
