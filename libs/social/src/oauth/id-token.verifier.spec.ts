import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdTokenRejectedError, ProviderTimeoutError } from '../social.exceptions.js';
import type { ResolvedProviderConfig } from '../social.types.js';
import { IdTokenVerifier } from './id-token.verifier.js';

const ISSUER = 'https://id.example.com/realms/acme';
const CLIENT = 'acme-web';
const NONCE = 'n-0S6_WzA2Mj';

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;
let server: Server;
let jwksUrl: string;
let published: JWK[] = [];
let jwksCalls = 0;
let signing: { keys: Keys; kid: string };

async function newKey(kid: string) {
  const keys = await generateKeyPair('RS256', { extractable: true });
  return {
    keys,
    kid,
    jwk: { ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

beforeAll(async () => {
  const first = await newKey('k1');
  signing = first;
  published = [first.jwk];
  server = createServer((_req, res) => {
    jwksCalls += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function config(overrides: Partial<ResolvedProviderConfig> = {}) {
  return {
    id: 'acme',
    name: 'Acme',
    protocol: 'oauth2' as const,
    key: CLIENT,
    secret: 'secret',
    scope: ['openid'],
    endpoints: { authorizationURL: `${ISSUER}/auth` },
    apiURL: ISSUER,
    timeoutMs: 2000,
    pkce: true,
    issuer: ISSUER,
    openId: { jwksURL: jwksUrl, algorithms: ['RS256'], issuers: [ISSUER], offlineAccess: false },
    ...overrides,
  };
}

/** A token as the issuer would sign it, with claims changed or removed (undefined). */
async function token(claims: Record<string, unknown> = {}, key = signing, alg = 'RS256') {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = Object.fromEntries(
    Object.entries({
      iss: ISSUER,
      aud: CLIENT,
      sub: 'user-1',
      iat: now,
      exp: now + 300,
      nonce: NONCE,
      ...claims,
    }).filter(([, value]) => value !== undefined),
  );
  return new SignJWT(payload).setProtectedHeader({ alg, kid: key.kid }).sign(key.keys.privateKey);
}

async function refusal(
  verifier: IdTokenVerifier,
  idToken: unknown,
  nonce: string | undefined = NONCE,
) {
  const error = await verifier.verify(idToken, nonce).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IdTokenRejectedError);
  return (error as IdTokenRejectedError).reason;
}

describe('IdTokenVerifier', () => {
  const verifier = () => new IdTokenVerifier(config());

  it('accepts a token of the issuer, for this client, with the nonce, and returns its claims', async () => {
    const claims = await verifier().verify(await token({ email: 'a@example.com' }), NONCE);
    expect(claims).toMatchObject({ sub: 'user-1', email: 'a@example.com', nonce: NONCE });
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example' }, 'id_token_issuer_mismatch'],
    ['no issuer', { iss: undefined }, 'id_token_issuer_mismatch'],
    ['another audience', { aud: 'someone-else' }, 'id_token_audience_mismatch'],
    ['several audiences without azp', { aud: [CLIENT, 'api'] }, 'id_token_audience_mismatch'],
    [
      'several audiences, azp another client',
      { aud: [CLIENT, 'api'], azp: 'api' },
      'id_token_audience_mismatch',
    ],
    ['an azp of another client', { azp: 'someone-else' }, 'id_token_audience_mismatch'],
    ['another nonce', { nonce: 'replayed' }, 'id_token_nonce_mismatch'],
    ['no nonce', { nonce: undefined }, 'id_token_nonce_mismatch'],
    [
      'an exp passed beyond the skew',
      { exp: Math.floor(Date.now() / 1000) - 120 },
      'id_token_expired',
    ],
    ['an iat long ago', { iat: Math.floor(Date.now() / 1000) - 3600 }, 'id_token_expired'],
    ['an iat in the future', { iat: Math.floor(Date.now() / 1000) + 600 }, 'id_token_invalid'],
    ['no sub', { sub: undefined }, 'id_token_invalid'],
    ['an empty sub', { sub: '' }, 'id_token_invalid'],
  ])('refuses %s', async (_case, claims, reason) => {
    expect(await refusal(verifier(), await token(claims))).toBe(reason);
  });

  it('accepts several audiences when azp names this client, and a small clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = await verifier().verify(
      await token({ aud: [CLIENT, 'api'], azp: CLIENT, exp: now - 30, iat: now + 30 }),
      NONCE,
    );
    expect(claims.sub).toBe('user-1');
  });

  it('refuses a signature by a key the issuer does not publish, and an algorithm it does not use', async () => {
    const stranger = await newKey('k1');
    expect(await refusal(verifier(), await token({}, stranger))).toBe('id_token_signature_invalid');
    const hs256 = await new SignJWT({ iss: ISSUER, aud: CLIENT, sub: 'u', iat: 1, exp: 2 })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .sign(new TextEncoder().encode('secret'));
    expect(await refusal(verifier(), hs256)).toBe('id_token_signature_invalid');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: ISSUER, aud: CLIENT, sub: 'u' }),
    ).toString('base64url')}.`;
    expect(await refusal(verifier(), unsigned)).toBe('id_token_signature_invalid');
  });

  it('refuses a missing or malformed token', async () => {
    expect(await refusal(verifier(), undefined)).toBe('id_token_invalid');
    expect(await refusal(verifier(), 'not.a.jwt')).toBe('id_token_invalid');
  });

  it('follows a key rotation: an unknown key id fetches the JWKS again, once', async () => {
    const v = verifier();
    await v.verify(await token(), NONCE);
    const calls = jwksCalls;
    const next = await newKey('k2');
    published = [next.jwk, ...published];
    const previous = signing;
    signing = next;
    try {
      await v.verify(await token(), NONCE);
      expect(jwksCalls).toBe(calls + 1);
      // Tokens of the previous key still verify from the set now held, without a fetch.
      await v.verify(await token({}, previous), NONCE);
      expect(jwksCalls).toBe(calls + 1);
    } finally {
      signing = previous;
    }
  });

  it('checks the issuer by spelling list, or by the authorization endpoint origin when none is known', async () => {
    const aliases = new IdTokenVerifier(
      config({
        openId: {
          jwksURL: jwksUrl,
          algorithms: ['RS256'],
          issuers: [ISSUER, 'id.example.com'],
          offlineAccess: false,
        },
      }),
    );
    expect((await aliases.verify(await token({ iss: 'id.example.com' }), NONCE)).sub).toBe(
      'user-1',
    );
    const byOrigin = new IdTokenVerifier(
      config({
        issuer: undefined,
        openId: { jwksURL: jwksUrl, algorithms: ['RS256'], issuers: [], offlineAccess: false },
      }),
    );
    expect(
      (await byOrigin.verify(await token({ iss: 'https://id.example.com/other' }), NONCE)).sub,
    ).toBe('user-1');
    expect(await refusal(byOrigin, await token({ iss: 'https://evil.example' }))).toBe(
      'id_token_issuer_mismatch',
    );
  });

  it('a key set that cannot be fetched is a provider failure, not a refused token', async () => {
    const unreachable = new IdTokenVerifier(
      config({
        openId: {
          jwksURL: 'http://127.0.0.1:1/certs',
          algorithms: ['RS256'],
          issuers: [ISSUER],
          offlineAccess: false,
        },
      }),
    );
    const error = await unreachable.verify(await token(), NONCE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(IdTokenRejectedError);
    expect(error).not.toBeInstanceOf(ProviderTimeoutError);
  });
});
