import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { completeConsent } from '../consent/complete-consent.js';
import { s256Challenge } from '../oauth2/pkce.js';
import {
  loginCallback,
  postForm,
  queryOf,
  testClient,
  urlWith,
  useTestSandbox,
} from '../testing/sandbox.fixture.js';

const client = testClient('oidc');
const redirectUri = loginCallback('oidc');
const verifier = 'v'.repeat(43);
const basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;

const env = useTestSandbox();
const issuer = () => `${env.sandbox.url}/oidc`;

async function metadata(): Promise<Record<string, string>> {
  return (await fetch(`${issuer()}/.well-known/openid-configuration`)).json();
}

async function authorize(params: Record<string, string> = {}, identity = 'alice') {
  const url = urlWith((await metadata()).authorization_endpoint!, {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile email offline_access',
    state: 'st-o',
    nonce: 'n-o',
    code_challenge: s256Challenge(verifier),
    code_challenge_method: 'S256',
    ...params,
  });
  return queryOf(await completeConsent(url, { identity }));
}

async function token(
  form: Record<string, string>,
  headers: Record<string, string> = { authorization: basic },
) {
  return postForm((await metadata()).token_endpoint!, form, headers);
}

async function redeem(code: string) {
  return token({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
}

/** The claims of an ID token whose RS256 signature checks out against the issuer's JWKS. */
async function verified(jwt: string) {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString());
  const { keys } = await (await fetch((await metadata()).jwks_uri!)).json();
  const jwk = keys.find((key: { kid: string }) => key.kid === kid);
  const ok =
    jwk !== undefined &&
    verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      createPublicKey({ key: jwk, format: 'jwk' }),
      Buffer.from(signature, 'base64url'),
    );
  return { alg, kid, ok, claims: JSON.parse(Buffer.from(payload, 'base64url').toString()) };
}

describe('the OpenID Connect issuer', () => {
  it('publishes its metadata under its issuer (Discovery §4)', async () => {
    expect(await metadata()).toMatchObject({
      issuer: issuer(),
      jwks_uri: `${issuer()}/protocol/openid-connect/certs`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    });
  });

  it('code (PKCE, nonce) → tokens with a signed ID token → userinfo → refresh → revoke', async () => {
    const callback = await authorize();
    expect(callback.get('iss')).toBe(issuer());
    expect(callback.get('state')).toBe('st-o');
    const tokens = await (await redeem(callback.get('code')!)).json();
    expect(tokens).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.any(String),
    });
    const idToken = await verified(tokens.id_token);
    expect(idToken).toMatchObject({ alg: 'RS256', ok: true });
    expect(idToken.claims).toMatchObject({
      iss: issuer(),
      aud: client.clientId,
      azp: client.clientId,
      sub: '7d1f0a52-6c1e-4d4b-9a40-a11ce0000001',
      nonce: 'n-o',
      preferred_username: 'alice',
      email_verified: true,
    });
    const userinfo = await fetch((await metadata()).userinfo_endpoint!, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(await userinfo.json()).toMatchObject({ sub: idToken.claims.sub, name: 'Alice Anders' });

    // The client in the body works as well as HTTP Basic (both advertised); never both.
    const refreshed = await token(
      {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      },
      {},
    );
    const again = await refreshed.json();
    expect(again.access_token).not.toBe(tokens.access_token);
    expect((await verified(again.id_token)).claims).not.toHaveProperty('nonce');
    const both = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_secret: client.clientSecret,
    });
    expect(both.status).toBe(400);

    const revoke = await postForm(
      (await metadata()).revocation_endpoint!,
      { token: tokens.refresh_token },
      { authorization: basic },
    );
    expect(revoke.status).toBe(200);
    const after = await fetch((await metadata()).userinfo_endpoint!, {
      headers: { authorization: `Bearer ${again.access_token}` },
    });
    expect(after.status).toBe(401);
    // RFC 7009 §2.2: an unknown token is answered 200 too; an unauthenticated client is not.
    expect(
      (
        await postForm(
          (await metadata()).revocation_endpoint!,
          { token: 'unknown' },
          { authorization: basic },
        )
      ).status,
    ).toBe(200);
    expect(
      (await postForm((await metadata()).revocation_endpoint!, { token: 'unknown' })).status,
    ).toBe(401);
  });

  it('refuses a request without openid, a plain PKCE challenge, an unknown scope', async () => {
    expect((await authorize({ scope: 'profile' })).get('error')).toBe('invalid_scope');
    expect((await authorize({ scope: 'openid admin' })).get('error')).toBe('invalid_scope');
    const plain = await authorize({ code_challenge: verifier, code_challenge_method: 'plain' });
    expect(plain.get('error')).toBe('invalid_request');
    expect(plain.get('iss')).toBe(issuer());
  });

  it('gives a refresh token only with offline_access (OIDC Core §11)', async () => {
    const code = (await authorize({ scope: 'openid email' })).get('code')!;
    expect(await (await redeem(code)).json()).not.toHaveProperty('refresh_token');
  });

  it('rotates its keys: the new one signs, the previous one stays published, the oldest goes', async () => {
    const signed = async () =>
      (await (await redeem((await authorize()).get('code')!)).json()).id_token;
    const first = await signed();
    env.sandbox.rotateKeys('oidc');
    const second = await signed();
    expect((await verified(second)).kid).not.toBe((await verified(first)).kid);
    expect((await verified(second)).ok).toBe(true);
    // Tokens signed before the rotation still verify...
    expect((await verified(first)).ok).toBe(true);
    env.sandbox.rotateKeys('oidc');
    // ...until the next rotation retires their key.
    expect((await verified(first)).ok).toBe(false);
    expect((await verified(second)).ok).toBe(true);
  });

  it.each([
    [
      'id_token_bad_signature',
      (t: Awaited<ReturnType<typeof verified>>) => expect(t.ok).toBe(false),
    ],
    [
      'id_token_wrong_issuer',
      (t: Awaited<ReturnType<typeof verified>>) => expect(t.claims.iss).not.toBe(issuer()),
    ],
    [
      'id_token_wrong_audience',
      (t: Awaited<ReturnType<typeof verified>>) => expect(t.claims.aud).not.toBe(client.clientId),
    ],
    [
      'id_token_wrong_nonce',
      (t: Awaited<ReturnType<typeof verified>>) => expect(t.claims.nonce).not.toBe('n-o'),
    ],
    [
      'id_token_expired',
      (t: Awaited<ReturnType<typeof verified>>) =>
        expect(t.claims.exp * 1000).toBeLessThan(Date.now()),
    ],
  ] as const)('hands out a bad ID token on request: %s', async (kind, check) => {
    const code = (await authorize()).get('code')!;
    env.sandbox.setFault({ provider: 'oidc', endpoint: 'token', kind });
    const tokens = await (await redeem(code)).json();
    const idToken = await verified(tokens.id_token);
    check(idToken);
    if (kind !== 'id_token_bad_signature') expect(idToken.ok).toBe(true);
  });

  it('leaves the ID token out on request (id_token_missing)', async () => {
    const code = (await authorize()).get('code')!;
    env.sandbox.setFault({ provider: 'oidc', endpoint: 'token', kind: 'id_token_missing' });
    const tokens = await (await redeem(code)).json();
    expect(tokens.access_token).toBeTruthy();
    expect(tokens).not.toHaveProperty('id_token');
  });
});
