import { randomToken } from '../core/random.js';
import {
  baseStringUri,
  hmacSha1Signature,
  parseFormPairs,
  percentEncode,
  signatureBaseString,
  type ParamPair,
} from './oauth1-signature.js';

/** A request to sign as an OAuth 1.0a client would. */
export interface OAuth1SignInput {
  method: string;
  /** Absolute URL, query included. */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
  /** Form-encoded body parameters (they are signed too). */
  form?: Record<string, string>;
  /** Extra protocol parameters such as oauth_callback or oauth_verifier. */
  oauth?: Record<string, string>;
  timestamp?: number;
  nonce?: string;
}

/**
 * The `Authorization` header value for an HMAC-SHA1 signed request (RFC 5849 §3.5.1). For
 * tests and tools that drive the sandbox's Twitter endpoints without an OAuth library.
 */
export function oauth1AuthorizationHeader(input: OAuth1SignInput): string {
  const url = new URL(input.url);
  const oauth: Record<string, string> = {
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: input.nonce ?? randomToken(16),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
    ...(input.token !== undefined ? { oauth_token: input.token } : {}),
    ...input.oauth,
  };
  const pairs: ParamPair[] = [
    ...parseFormPairs(url.search),
    ...Object.entries(oauth),
    ...Object.entries(input.form ?? {}),
  ];
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const baseUri = baseStringUri(scheme, url.host, url.pathname);
  const base = signatureBaseString(input.method, baseUri, pairs);
  const signature = hmacSha1Signature(base, input.consumerSecret, input.tokenSecret);
  return `OAuth ${Object.entries({ ...oauth, oauth_signature: signature })
    .map(([name, value]) => `${percentEncode(name)}="${percentEncode(value)}"`)
    .join(', ')}`;
}
