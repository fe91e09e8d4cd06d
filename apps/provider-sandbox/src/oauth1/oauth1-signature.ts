import { createHmac } from 'node:crypto';

/** A decoded request parameter; names may repeat. */
export type ParamPair = [name: string, value: string];

/** Percent-encodes per RFC 5849 §3.6: everything but ALPHA, DIGIT, '-', '.', '_', '~'. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The base string URI of RFC 5849 §3.4.1.2: lowercase scheme and host, the port only when it is
 * not the scheme's default, and the path as sent (no query).
 */
export function baseStringUri(scheme: 'http' | 'https', host: string, path: string): string {
  const authority = host.toLowerCase().replace(scheme === 'http' ? /:80$/ : /:443$/, '');
  return `${scheme}://${authority}${path === '' ? '/' : path}`;
}

/** Parses an `application/x-www-form-urlencoded` string into decoded pairs ('+' is a space). */
export function parseFormPairs(encoded: string): ParamPair[] {
  return [...new URLSearchParams(encoded)];
}

/**
 * Parses an `Authorization: OAuth …` header (RFC 5849 §3.5.1) into decoded pairs, realm
 * included. Undefined when it is not a well-formed OAuth header.
 */
export function parseOAuthHeader(header: string | undefined): ParamPair[] | undefined {
  const scheme = /^OAuth\s+/i.exec(header ?? '');
  if (!header || !scheme) return undefined;
  const rest = header.slice(scheme[0].length);
  const param = /\s*([^\s=,"]+)\s*=\s*"([^"]*)"\s*(?:,|$)/y;
  const pairs: ParamPair[] = [];
  while (param.lastIndex < rest.length) {
    const match = param.exec(rest);
    if (!match) return undefined;
    try {
      pairs.push([decodeURIComponent(match[1]), decodeURIComponent(match[2])]);
    } catch {
      return undefined;
    }
  }
  return pairs;
}

/** The normalized request parameters of RFC 5849 §3.4.1.3.2. */
export function normalizeParameters(pairs: ParamPair[]): string {
  return pairs
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) =>
      nameA === nameB ? compare(valueA, valueB) : compare(nameA, nameB),
    )
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * The signature base string of RFC 5849 §3.4.1.1. `pairs` are every signed parameter (query,
 * OAuth header without realm and oauth_signature, form body), decoded.
 */
export function signatureBaseString(method: string, baseUri: string, pairs: ParamPair[]): string {
  return [method.toUpperCase(), baseUri, normalizeParameters(pairs)].map(percentEncode).join('&');
}

/** The HMAC-SHA1 signature of RFC 5849 §3.4.2, base64-encoded. */
export function hmacSha1Signature(
  baseString: string,
  consumerSecret: string,
  tokenSecret = '',
): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac('sha1', key).update(baseString).digest('base64');
}

// Encoded values are ASCII, so code-unit order is the byte order the RFC asks for.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
