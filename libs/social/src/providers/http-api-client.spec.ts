import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderApiError } from '../social.exceptions.js';
import type { ConnectionCredentials, ResolvedProviderConfig } from '../social.types.js';
import type { ApiClient } from './api-client.js';
import { facebookProvider } from './facebook.provider.js';
import { foursquareProvider } from './foursquare.provider.js';
import { googleProvider } from './google.provider.js';
import { HttpApiClient } from './http-api-client.js';
import { twitterProvider } from './twitter.provider.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let seen: Seen[] = [];
const hanging: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push({
      method: req.method!,
      url: req.url!,
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    });
    const path = new URL(req.url!, 'http://x').pathname;
    if (path.endsWith('/hang')) {
      hanging.push(req);
      return; // never answers
    }
    if (path.endsWith('/missing')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end('{"error":{"message":"Unknown path","code":2500}}');
    }
    if (path.endsWith('/broken')) {
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end('<html>Bad Gateway</html>');
    }
    if (path.endsWith('/empty')) {
      res.writeHead(204);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, path }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

beforeEach(() => {
  seen = [];
});

function client(timeoutMs = 5000, apiPath = '/api/v1/') {
  return new HttpApiClient(
    'example',
    base + apiPath,
    ({ headers }) => headers.set('authorization', 'Bearer test-token'),
    timeoutMs,
  );
}

describe('HttpApiClient', () => {
  it('GETs base URL + path with the query and the authorizer’s credentials, and parses the JSON', async () => {
    const answer = await client().get('/me', {
      fields: 'id,name',
      limit: 5,
      debug: false,
      skip: undefined,
    });
    expect(answer).toEqual({ ok: true, path: '/api/v1/me' });
    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe('GET');
    expect(seen[0].url).toBe('/api/v1/me?fields=id%2Cname&limit=5&debug=false');
    expect(seen[0].headers.authorization).toBe('Bearer test-token');
    expect(seen[0].headers.accept).toBe('application/json');
    expect(seen[0].body).toBe('');
  });

  it('joins base and path with exactly one slash', async () => {
    await client(5000, '/api/v1').get('me');
    await client(5000, '/api/v1///').get('///me');
    expect(seen.map((s) => s.url)).toEqual(['/api/v1/me', '/api/v1/me']);
  });

  it('never sends the credentials to another host, whatever the path', async () => {
    await client().get('http://evil.test/steal');
    await client().get('//evil.test/steal');
    expect(seen.map((s) => s.url)).toEqual([
      '/api/v1/http://evil.test/steal',
      '/api/v1/evil.test/steal',
    ]);
  });

  it('POSTs a form body, and hands the form and upper-case method to the authorizer', async () => {
    const calls: { method: string; form?: Record<string, string>; url: string }[] = [];
    const c = new HttpApiClient(
      'example',
      base,
      ({ method, form, url }) => calls.push({ method, form, url: url.href }),
      5000,
    );
    await c.request('post', '/statuses/update.json', {
      query: { trim_user: true },
      form: { status: 'Hello & goodbye', lang: 'en' },
    });
    expect(seen[0].method).toBe('POST');
    expect(seen[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0].body).toBe('status=Hello+%26+goodbye&lang=en');
    expect(calls).toEqual([
      {
        method: 'POST',
        form: { status: 'Hello & goodbye', lang: 'en' },
        url: `${base}/statuses/update.json?trim_user=true`,
      },
    ]);
  });

  it('POSTs a JSON body', async () => {
    await client().post('/items', { json: { name: 'x', tags: ['a'] } });
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0].body)).toEqual({ name: 'x', tags: ['a'] });
  });

  it('sends no body and no content type for a POST without one', async () => {
    await client().post('/ping');
    expect(seen[0].headers['content-type']).toBeUndefined();
    expect(seen[0].body).toBe('');
  });

  it('rejects a non-2xx answer with ProviderApiError carrying the status and the parsed body', async () => {
    const error = await client()
      .get('/missing')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({
      name: 'ProviderApiError',
      providerId: 'example',
      status: 404,
      body: { error: { message: 'Unknown path', code: 2500 } },
      message: 'example API answered 404',
    });
  });

  it('keeps a non-JSON error body as text', async () => {
    const error = (await client()
      .get('/broken')
      .catch((e: unknown) => e)) as ProviderApiError;
    expect(error.status).toBe(502);
    expect(error.body).toBe('<html>Bad Gateway</html>');
  });

  it('answers an empty 204 with undefined', async () => {
    expect(await client().request('DELETE', '/empty')).toBeUndefined();
  });

  it('aborts a request that outlives its deadline', async () => {
    const closed = new Promise<void>((resolve) => {
      server.once('request', (req: IncomingMessage) => req.socket.once('close', () => resolve()));
    });
    const error = (await client(50)
      .get('/hang')
      .catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('TimeoutError');
    // The connection is torn down, not left waiting for the provider.
    await closed;
    expect(hanging).toHaveLength(1);
  });
});

describe('provider API clients', () => {
  const connection: ConnectionCredentials = {
    accessToken: 'user-access-token',
    secret: 'user-token-secret',
    refreshToken: 'user-refresh-token',
  };
  function config(id: string): ResolvedProviderConfig {
    return {
      id,
      name: id,
      protocol: id === 'twitter' ? 'oauth1' : 'oauth2',
      key: 'app-key',
      secret: 'app-secret',
      scope: [],
      endpoints: {},
      apiURL: `${base}/${id}`,
      timeoutMs: 5000,
      pkce: false,
    };
  }

  it('google: OAuth2Client sends the access token as a Bearer header, never in the URL', async () => {
    const client = (await googleProvider.createApiClient(config('google'), connection)) as {
      request(options: { url: string }): Promise<unknown>;
    };
    await client.request({ url: `${base}/google/me?fields=id` });
    expect(seen[0].headers.authorization).toBe('Bearer user-access-token');
    expect(seen[0].url).toBe('/google/me?fields=id');
    // The refresh token is for the token endpoint only.
    expect(JSON.stringify(seen[0])).not.toContain('user-refresh-token');
  });

  it('facebook sends the token as a Bearer header with its appsecret_proof', async () => {
    const graph = facebookProvider.createApiClient(config('facebook'), connection) as ApiClient;
    await graph.get('/me', { fields: 'id' });
    expect(seen[0].headers.authorization).toBe('Bearer user-access-token');
    const url = new URL(seen[0].url, base);
    expect(url.pathname).toBe('/facebook/me');
    expect(url.searchParams.get('fields')).toBe('id');
    expect(url.searchParams.get('appsecret_proof')).toBe(
      createHmac('sha256', 'app-secret').update('user-access-token').digest('hex'),
    );
    expect(url.searchParams.get('access_token')).toBeNull();
    expect(JSON.stringify(seen[0])).not.toContain('user-refresh-token');
  });

  it('foursquare sends the token as oauth_token with the API version in the query', async () => {
    const client = foursquareProvider.createApiClient(
      config('foursquare'),
      connection,
    ) as ApiClient;
    await client.get('/users/self');
    const url = new URL(seen[0].url, base);
    expect(url.pathname).toBe('/foursquare/users/self');
    expect(url.searchParams.get('oauth_token')).toBe('user-access-token');
    expect(url.searchParams.get('v')).toMatch(/^\d{8}$/);
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('twitter: TwitterApi signs with an OAuth 1.0a header for the connection’s token', async () => {
    const client = (await twitterProvider.createApiClient(config('twitter'), connection)) as {
      v1: { tweet(status: string): Promise<unknown> };
    };
    await client.v1.tweet('hi');
    expect(seen[0].url).toBe('/twitter/1.1/statuses/update.json');
    const auth = seen[0].headers.authorization!;
    expect(auth).toMatch(/^OAuth /);
    expect(auth).toContain('oauth_consumer_key="app-key"');
    expect(auth).toContain('oauth_token="user-access-token"');
    expect(auth).toContain('oauth_signature_method="HMAC-SHA1"');
    expect(auth).not.toContain('user-token-secret');
    expect(auth).not.toContain('app-secret');
    expect(new URLSearchParams(seen[0].body).get('status')).toBe('hi');
  });
});
