import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { oauth1AuthorizationHeader, percentEncode } from './oauth1-signature.util.js';

/**
 * RFC 5849 §3.6 written out independently: UTF-8 bytes, unreserved characters
 * (ALPHA, DIGIT, "-", ".", "_", "~") kept, every other byte as "%" + two upper-case hex digits.
 */
function rfc5849Encode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /^[A-Za-z0-9\-._~]$/.test(char)
      ? char
      : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** RFC 5849 §3.4.1 signature base string, §3.4.2 HMAC-SHA1, computed by hand. */
function signByHand(
  method: string,
  baseUri: string,
  params: [string, string][],
  consumerSecret: string,
  tokenSecret: string,
): { baseString: string; signature: string } {
  const normalized = params
    .map(([k, v]) => [rfc5849Encode(k), rfc5849Encode(v)])
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const baseString = `${method}&${rfc5849Encode(baseUri)}&${rfc5849Encode(normalized)}`;
  const key = `${rfc5849Encode(consumerSecret)}&${rfc5849Encode(tokenSecret)}`;
  return { baseString, signature: createHmac('sha1', key).update(baseString).digest('base64') };
}

/** The parameters of an `Authorization: OAuth k="v", ...` header, decoded. */
function parseHeader(header: string): Record<string, string> {
  expect(header.startsWith('OAuth ')).toBe(true);
  const params: Record<string, string> = {};
  for (const part of header.slice('OAuth '.length).split(', ')) {
    const match = /^([A-Za-z0-9%._~-]+)="([A-Za-z0-9%._~-]*)"$/.exec(part);
    expect(match, part).not.toBeNull();
    params[decodeURIComponent(match![1])] = decodeURIComponent(match![2]);
  }
  return params;
}

const credentials = {
  consumerKey: '9djdj82h48djs9d2',
  consumerSecret: 'j49sk3j29djd',
  token: 'kkk9d7dh3k39sjv7',
  tokenSecret: 'dh893hdasih9',
};

describe('percentEncode (RFC 5849 §3.6)', () => {
  it('leaves the unreserved characters alone', () => {
    const unreserved = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
    expect(percentEncode(unreserved)).toBe(unreserved);
  });

  it.each([
    // The parameter values of the RFC 5849 §3.4.1.3.2 example.
    ['r b', 'r%20b'],
    ['2 q', '2%20q'],
    ['=%3D', '%3D%253D'],
    ['c@', 'c%40'],
    // Characters encodeURIComponent leaves alone but §3.6 does not.
    ["!*'()", '%21%2A%27%28%29'],
    ['+', '%2B'],
    ['/', '%2F'],
    ['&=', '%26%3D'],
    // UTF-8 first, then each byte.
    ['é', '%C3%A9'],
    ['😀', '%F0%9F%98%80'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });

  it('agrees with a by-hand encoder on every ASCII character', () => {
    for (let code = 0; code < 128; code++) {
      const char = String.fromCharCode(code);
      expect(percentEncode(char), `code ${code}`).toBe(rfc5849Encode(char));
    }
  });
});

describe('oauth1AuthorizationHeader', () => {
  it('signs the RFC 5849 §3.4.1 example request: the base string matches the RFC text', () => {
    // POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b with body c2&a3=2+q (RFC 5849 §3.4.1).
    const url = new URL('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b');
    const header = oauth1AuthorizationHeader(
      'post',
      url,
      credentials,
      { c2: '', a3: '2 q' },
      137131201_000,
    );
    const params = parseHeader(header);

    expect(params.oauth_timestamp).toBe('137131201');
    // The RFC's base string, with this request's nonce and the oauth_version we send.
    const rfcBaseString =
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q' +
      '%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_' +
      'key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m' +
      'ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk' +
      '9d7dh3k39sjv7';
    const baseString =
      rfcBaseString.replace('oauth_nonce%3D7d8f3e4a', `oauth_nonce%3D${params.oauth_nonce}`) +
      '%26oauth_version%3D1.0';
    const expected = createHmac('sha1', 'j49sk3j29djd&dh893hdasih9')
      .update(baseString)
      .digest('base64');
    expect(params.oauth_signature).toBe(expected);

    // And the by-hand computation from the header's own parameters agrees.
    const byHand = signByHand(
      'POST',
      'http://example.com/request',
      [
        ['b5', '=%3D'],
        ['a3', 'a'],
        ['c@', ''],
        ['a2', 'r b'],
        ['c2', ''],
        ['a3', '2 q'],
        ...Object.entries(params).filter(([k]) => k !== 'oauth_signature'),
      ],
      credentials.consumerSecret,
      credentials.tokenSecret,
    );
    expect(byHand.baseString).toBe(baseString);
  });

  it('sends exactly the oauth_* protocol parameters, with a fresh nonce each time', () => {
    const url = new URL('https://api.twitter.com/1.1/account/verify_credentials.json');
    const a = parseHeader(
      oauth1AuthorizationHeader('GET', url, credentials, {}, 1_700_000_000_999),
    );
    const b = parseHeader(
      oauth1AuthorizationHeader('GET', url, credentials, {}, 1_700_000_000_999),
    );
    expect(Object.keys(a).sort()).toEqual([
      'oauth_consumer_key',
      'oauth_nonce',
      'oauth_signature',
      'oauth_signature_method',
      'oauth_timestamp',
      'oauth_token',
      'oauth_version',
    ]);
    expect(a).toMatchObject({
      oauth_consumer_key: credentials.consumerKey,
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: '1700000000',
      oauth_token: credentials.token,
      oauth_version: '1.0',
    });
    expect(a.oauth_nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(a.oauth_nonce).not.toBe(b.oauth_nonce);
  });

  it.each([
    // RFC 5849 §3.4.1.2 base string URI examples: lower-case scheme and host, default port dropped.
    ['http://EXAMPLE.COM:80/r%20v/X?id=123', 'http://example.com/r%20v/X', [['id', '123']]],
    ['https://www.example.net:8080/?q=1', 'https://www.example.net:8080/', [['q', '1']]],
    ['https://api.example.com:443/1.1/x.json', 'https://api.example.com/1.1/x.json', []],
  ] as [string, string, [string, string][]][])(
    'signs %s over the base string URI %s',
    (href, baseUri, query) => {
      const header = oauth1AuthorizationHeader('GET', new URL(href), credentials);
      const params = parseHeader(header);
      const { signature } = signByHand(
        'GET',
        baseUri,
        [...query, ...Object.entries(params).filter(([k]) => k !== 'oauth_signature')],
        credentials.consumerSecret,
        credentials.tokenSecret,
      );
      expect(params.oauth_signature).toBe(signature);
    },
  );

  it('signs reserved and non-ASCII characters in the query, the form and the secrets', () => {
    const url = new URL('https://api.twitter.com/1.1/statuses/update.json?include_entities=true');
    const form = { status: "Hello Ladies + Gentlemen, a signed OAuth request! (it's é 😀)" };
    const tricky = { ...credentials, consumerSecret: 'c&s+/=é', tokenSecret: 't s!*' };
    const params = parseHeader(oauth1AuthorizationHeader('POST', url, tricky, form));
    const { signature } = signByHand(
      'POST',
      'https://api.twitter.com/1.1/statuses/update.json',
      [
        ['include_entities', 'true'],
        ['status', form.status],
        ...Object.entries(params).filter(([k]) => k !== 'oauth_signature'),
      ],
      tricky.consumerSecret,
      tricky.tokenSecret,
    );
    expect(params.oauth_signature).toBe(signature);
  });

  it('produces a signature that does not verify for another body or another token secret', () => {
    const url = new URL('https://api.twitter.com/1.1/statuses/update.json');
    const params = parseHeader(
      oauth1AuthorizationHeader('POST', url, credentials, { status: 'a' }),
    );
    const oauth = Object.entries(params).filter(([k]) => k !== 'oauth_signature');
    const base = 'https://api.twitter.com/1.1/statuses/update.json';
    const otherBody = signByHand(
      'POST',
      base,
      [['status', 'b'], ...oauth],
      'j49sk3j29djd',
      'dh893hdasih9',
    );
    const otherSecret = signByHand('POST', base, [['status', 'a'], ...oauth], 'j49sk3j29djd', 'x');
    const genuine = signByHand(
      'POST',
      base,
      [['status', 'a'], ...oauth],
      'j49sk3j29djd',
      'dh893hdasih9',
    );
    expect(params.oauth_signature).toBe(genuine.signature);
    expect(params.oauth_signature).not.toBe(otherBody.signature);
    expect(params.oauth_signature).not.toBe(otherSecret.signature);
  });
});
