import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { BENCH_CLIENT } from '../../provider/bench-client.js';
import type { AppEnv } from '../shared/app-env.js';
import type { FloorProfile } from './floor-store.js';

export const CALLBACK_PATH = '/callback';

/** The OAuth 2 client side of the floor: state + PKCE S256, the code exchange, userinfo. */
export class FloorOAuth {
  private readonly redirectUri: string;

  constructor(private readonly env: AppEnv) {
    this.redirectUri = `${env.appUrl}${CALLBACK_PATH}`;
  }

  /** A fresh state and verifier, and the authorization URL that carries them. */
  start(): { state: string; verifier: string; url: string } {
    const state = randomBytes(32).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    const url = new URL(this.env.endpoints.authorizationURL);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: BENCH_CLIENT.id,
      redirect_uri: this.redirectUri,
      scope: 'openid profile email',
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return { state, verifier, url: url.href };
  }

  async exchange(
    code: string,
    verifier: string,
  ): Promise<{ access_token: string; expires_in: number }> {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.redirectUri,
      client_id: BENCH_CLIENT.id,
      client_secret: BENCH_CLIENT.secret,
      code_verifier: verifier,
    }).toString();
    return call(
      this.env.endpoints.tokenURL,
      'POST',
      {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    );
  }

  userinfo(accessToken: string): Promise<FloorProfile> {
    return call(this.env.endpoints.userProfileURL, 'GET', {
      authorization: `Bearer ${accessToken}`,
    });
  }
}

/** One JSON call to the provider (Node's global agent keeps connections alive, as for node-oauth). */
function call<T>(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}: ${text}`));
        else resolve(JSON.parse(text) as T);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
