// A fast OAuth 2 provider for the bench, in its own process: authorization code with PKCE S256
// (no consent page: the "browser" names its identity), token endpoint, OIDC-style userinfo.
// Google's shapes: `iss` on the callback (RFC 9207) and an RS256 ID token with the round trip's
// nonce, as Google answers; passport-google-oauth20 ignores both. Not a test double of the module.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { serveInBench } from '../apps/shared/bench-child.js';
import { BENCH_CLIENT, IDENTITY_PARAM } from './bench-client.js';
import { ExpiringMap } from './expiring-map.js';

interface PendingCode {
  redirectUri: string;
  challenge: string;
  sub: string;
  nonce: string | null;
}

/** The provider's own URL (its issuer) and ID-token key, set once it listens. */
let issuer = '';
const KEY_ID = 'bench-1';
const keys = await generateKeyPair('RS256');
const jwks: { keys: JWK[] } = {
  keys: [{ ...(await exportJWK(keys.publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' }],
};

const codes = new ExpiringMap<PendingCode>(60_000);
const accessTokens = new ExpiringMap<string>(600_000);

function authorize(url: URL, res: ServerResponse): void {
  const q = url.searchParams;
  const redirectUri = q.get('redirect_uri');
  const sub = q.get(IDENTITY_PARAM);
  const challenge = q.get('code_challenge');
  if (q.get('client_id') !== BENCH_CLIENT.id || q.get('response_type') !== 'code' || !redirectUri) {
    return send(res, 400, { error: 'invalid_request' });
  }
  if (q.get('code_challenge_method') !== 'S256' || !challenge || !sub) {
    return send(res, 400, {
      error: 'invalid_request',
      error_description: 'PKCE S256 and an identity are required',
    });
  }
  const code = randomBytes(24).toString('base64url');
  codes.set(code, { redirectUri, challenge, sub, nonce: q.get('nonce') });
  const back = new URL(redirectUri);
  back.searchParams.set('code', code);
  const state = q.get('state');
  if (state !== null) back.searchParams.set('state', state);
  back.searchParams.set('iss', issuer);
  res.writeHead(302, { location: back.href }).end();
}

/** Google's ID token: RS256, a one-hour life, the nonce of the authorization request. */
function idToken({ sub, nonce }: PendingCode): Promise<string> {
  return new SignJWT({
    email: `${sub}@bench.example`,
    email_verified: true,
    ...(nonce === null ? {} : { nonce }),
  })
    .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(BENCH_CLIENT.id)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(keys.privateKey);
}

async function token(form: URLSearchParams, req: IncomingMessage, res: ServerResponse) {
  const [clientId, clientSecret] = clientCredentials(form, req);
  if (clientId !== BENCH_CLIENT.id || clientSecret !== BENCH_CLIENT.secret) {
    return send(res, 401, { error: 'invalid_client' });
  }
  const pending = codes.take(form.get('code') ?? '');
  const verifier = form.get('code_verifier') ?? '';
  if (
    form.get('grant_type') !== 'authorization_code' ||
    !pending ||
    pending.redirectUri !== form.get('redirect_uri') ||
    !sameString(createHash('sha256').update(verifier).digest('base64url'), pending.challenge)
  ) {
    return send(res, 400, { error: 'invalid_grant' });
  }
  const accessToken = `ya29.${randomBytes(48).toString('base64url')}`;
  accessTokens.set(accessToken, pending.sub);
  send(res, 200, {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: 3599,
    id_token: await idToken(pending),
    scope:
      'openid https://www.googleapis.com/auth/userinfo.profile https://www.googleapis.com/auth/userinfo.email',
  });
}

function userinfo(url: URL, req: IncomingMessage, res: ServerResponse): void {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const sub = accessTokens.get(bearer ?? url.searchParams.get('access_token') ?? '');
  if (!sub) return send(res, 401, { error: 'invalid_token' });
  send(res, 200, {
    sub,
    name: `Bench User ${sub}`,
    given_name: 'Bench',
    family_name: `User ${sub}`,
    picture: `https://lh3.googleusercontent.com/a/${sub}=s96-c`,
    email: `${sub}@bench.example`,
    email_verified: true,
  });
}

/** client_secret_basic or client_secret_post (node-oauth sends the latter). */
function clientCredentials(form: URLSearchParams, req: IncomingMessage): [string?, string?] {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, 'base64').toString().split(':');
    return [decodeURIComponent(id ?? ''), decodeURIComponent(secret ?? '')];
  }
  return [form.get('client_id') ?? undefined, form.get('client_secret') ?? undefined];
}

function sameString(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://provider');
  if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
  if (req.method === 'GET' && url.pathname === '/userinfo') return userinfo(url, req, res);
  if (req.method === 'GET' && url.pathname === '/certs') return send(res, 200, jwks);
  if (req.method === 'POST' && url.pathname === '/token') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      token(new URLSearchParams(Buffer.concat(chunks).toString()), req, res).catch(() =>
        send(res, 500, { error: 'server_error' }),
      );
    });
    return;
  }
  send(res, 404, { error: 'not_found' });
}

serveInBench(async () => {
  const server = createServer(handle);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  issuer = `http://127.0.0.1:${port}`;
  return {
    url: issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
