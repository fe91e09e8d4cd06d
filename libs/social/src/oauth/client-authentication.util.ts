import type { ResolvedProviderConfig } from '../social.types.js';

type ClientConfig = Pick<ResolvedProviderConfig, 'key' | 'secret' | 'clientAuthentication'>;

/** What authenticates the client at a token or revocation endpoint: a header or form fields. */
export interface ClientCredentials {
  headers: Record<string, string>;
  params: Record<string, string>;
}

/**
 * The client's credentials for one request, in the way the provider takes them: HTTP Basic
 * (`client_secret_basic`, RFC 6749 §2.3.1: each part form-urlencoded, then base64) or the body
 * (`client_secret_post`, the default). Never both: one method per request (§2.3).
 */
export function clientCredentials(config: ClientConfig): ClientCredentials {
  if (config.clientAuthentication !== 'client_secret_basic') {
    return { headers: {}, params: { client_id: config.key, client_secret: config.secret } };
  }
  return { headers: { authorization: basicAuthorization(config) }, params: {} };
}

/** `Basic base64(urlencode(id):urlencode(secret))`. */
export function basicAuthorization({ key, secret }: Pick<ClientConfig, 'key' | 'secret'>): string {
  const form = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${form(key)}:${form(secret)}`).toString('base64')}`;
}

/** The part of node-oauth's OAuth2 client this reaches into. */
interface NodeOAuth2 {
  _request(...args: any[]): unknown;
  _getAccessTokenUrl(): string;
}

/**
 * node-oauth always sends `client_id` and `client_secret` in the token request's body; for a
 * provider that takes `client_secret_basic` (X, most OpenID Connect servers), this moves them
 * into the Authorization header of the requests to the token endpoint.
 */
export function useClientSecretBasic(oauth2: NodeOAuth2, config: ClientConfig): void {
  const request = oauth2._request.bind(oauth2);
  const tokenURL = oauth2._getAccessTokenUrl();
  oauth2._request = (method: string, url: string, headers: object, body: unknown, ...rest) => {
    if (method !== 'POST' || url !== tokenURL || typeof body !== 'string') {
      return request(method, url, headers, body, ...rest);
    }
    const form = new URLSearchParams(body);
    form.delete('client_id');
    form.delete('client_secret');
    const authorization = basicAuthorization(config);
    return request(
      method,
      url,
      { ...headers, Authorization: authorization },
      form.toString(),
      ...rest,
    );
  };
}
