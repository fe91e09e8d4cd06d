import { createHmac, randomBytes } from 'node:crypto';

/** RFC 5849 §3.6 percent-encoding (stricter than encodeURIComponent). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** The signing credentials of an OAuth 1.0a request. */
export interface OAuth1Credentials {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

/**
 * The `Authorization: OAuth ...` header of a request, HMAC-SHA1 signed per RFC 5849 §3.4 over the
 * query, the form body (when there is one) and the oauth_* parameters.
 */
export function oauth1AuthorizationHeader(
  method: string,
  url: URL,
  credentials: OAuth1Credentials,
  form: Record<string, string> = {},
  now = Date.now(),
): string {
  const oauthParams: Record<string, string> = {
    oauth_consumer_key: credentials.consumerKey,
    oauth_nonce: randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(Math.floor(now / 1000)),
    oauth_token: credentials.token,
    oauth_version: '1.0',
  };
  const pairs: [string, string][] = [
    ...url.searchParams.entries(),
    ...Object.entries(form),
    ...Object.entries(oauthParams),
  ].map(([k, v]) => [percentEncode(k), percentEncode(v)]);
  pairs.sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)));
  const normalized = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  const baseUri = `${url.protocol}//${url.host}${url.pathname}`;
  const baseString = [method.toUpperCase(), percentEncode(baseUri), percentEncode(normalized)].join(
    '&',
  );
  const key = `${percentEncode(credentials.consumerSecret)}&${percentEncode(credentials.tokenSecret)}`;
  const signature = createHmac('sha1', key).update(baseString).digest('base64');
  const header = { ...oauthParams, oauth_signature: signature };
  return (
    'OAuth ' +
    Object.entries(header)
      .map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`)
      .join(', ')
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
