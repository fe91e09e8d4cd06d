import type { Request } from 'express';
import type { ExpiringMap } from '../core/expiring-map.js';
import { secureEqual } from '../core/secure-compare.js';
import {
  baseStringUri,
  hmacSha1Signature,
  parseFormPairs,
  parseOAuthHeader,
  signatureBaseString,
  type ParamPair,
} from './oauth1-signature.js';

/** Accepted clock skew for oauth_timestamp, in seconds. */
export const TIMESTAMP_WINDOW_S = 5 * 60;

/** Why a signed request was refused. */
export type OAuth1Failure =
  | 'bad_request'
  | 'unknown_consumer'
  | 'unknown_token'
  | 'bad_timestamp'
  | 'bad_signature'
  | 'replayed_nonce';

/** What the verifier needs from the server's stores. */
export interface OAuth1Lookups {
  consumerSecret(consumerKey: string): string | undefined;
  /** The secret of a token issued to this consumer, undefined when unknown. */
  tokenSecret(token: string, consumerKey: string): string | undefined;
  /** Whether the endpoint needs an oauth_token (all but the request-token endpoint). */
  requireToken: boolean;
  /** Nonces seen, keyed by consumer and nonce. */
  nonces: ExpiringMap<string, true>;
}

/** The outcome of {@link verifyOAuth1Request}. */
export type OAuth1Verification =
  | { ok: true; consumerKey: string; token?: string; oauth: Map<string, string> }
  | { ok: false; failure: OAuth1Failure };

const REQUIRED = ['oauth_consumer_key', 'oauth_signature_method', 'oauth_timestamp', 'oauth_nonce'];

/**
 * Verifies an HMAC-SHA1 signed request (RFC 5849 §3.2): protocol parameters from the
 * Authorization header; signature over method, base URI and query + header + form-body params;
 * timestamp within ±5 minutes; nonce unused by this consumer in that window.
 */
export function verifyOAuth1Request(req: Request, lookups: OAuth1Lookups): OAuth1Verification {
  const headerPairs = parseOAuthHeader(req.headers.authorization);
  const host = req.headers.host;
  if (!headerPairs || !host) return { ok: false, failure: 'bad_request' };
  const oauth = new Map<string, string>();
  for (const [name, value] of headerPairs) {
    if (name === 'realm') continue;
    // §3.5.1: each parameter at most once.
    if (oauth.has(name)) return { ok: false, failure: 'bad_request' };
    oauth.set(name, value);
  }
  const signature = oauth.get('oauth_signature');
  if (!signature || REQUIRED.some((name) => !oauth.get(name))) {
    return { ok: false, failure: 'bad_request' };
  }
  const version = oauth.get('oauth_version');
  if (
    (version !== undefined && version !== '1.0') ||
    oauth.get('oauth_signature_method') !== 'HMAC-SHA1'
  ) {
    return { ok: false, failure: 'bad_signature' };
  }

  const consumerKey = oauth.get('oauth_consumer_key')!;
  const consumerSecret = lookups.consumerSecret(consumerKey);
  if (consumerSecret === undefined) return { ok: false, failure: 'unknown_consumer' };

  // node-oauth sends an empty oauth_token="" when it has none; §2.1 lets it be omitted.
  const token = oauth.get('oauth_token') || undefined;
  let tokenSecret = '';
  if (token !== undefined || lookups.requireToken) {
    const secret = token === undefined ? undefined : lookups.tokenSecret(token, consumerKey);
    if (secret === undefined) return { ok: false, failure: 'unknown_token' };
    tokenSecret = secret;
  }

  const timestamp = oauth.get('oauth_timestamp')!;
  if (
    !/^\d{1,12}$/.test(timestamp) ||
    Math.abs(Date.now() / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_S
  ) {
    return { ok: false, failure: 'bad_timestamp' };
  }

  const [path, query = ''] = splitUrl(req.originalUrl);
  const pairs: ParamPair[] = [
    ...parseFormPairs(query),
    ...[...oauth].filter(([name]) => name !== 'oauth_signature'),
    ...formBodyPairs(req),
  ];
  const base = signatureBaseString(req.method, baseStringUri('http', host, path), pairs);
  if (!secureEqual(hmacSha1Signature(base, consumerSecret, tokenSecret), signature)) {
    return { ok: false, failure: 'bad_signature' };
  }

  // Recorded only once the signature holds, so forged requests cannot burn nonces.
  const nonceKey = `${consumerKey}\u0000${oauth.get('oauth_nonce')}`;
  if (lookups.nonces.has(nonceKey)) return { ok: false, failure: 'replayed_nonce' };
  lookups.nonces.set(nonceKey, true, 2 * TIMESTAMP_WINDOW_S * 1000);

  return { ok: true, consumerKey, token, oauth };
}

function splitUrl(url: string): [string, string | undefined] {
  const index = url.indexOf('?');
  return index === -1 ? [url, undefined] : [url.slice(0, index), url.slice(index + 1)];
}

/** §3.4.1.3.1: the body counts only when it is single-part form-urlencoded. */
function formBodyPairs(req: Request): ParamPair[] {
  const raw = (req as Request & { rawBody?: Buffer }).rawBody;
  if (!raw || raw.length === 0 || !req.is('application/x-www-form-urlencoded')) return [];
  return parseFormPairs(raw.toString('utf8'));
}
