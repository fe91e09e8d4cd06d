import { createHmac } from 'node:crypto';
import type { ConnectionCredentials, ResolvedProviderConfig } from '../social.types.js';
import type { ApiClientContext } from './api-client-context.js';
import { HttpApiClient } from './http-api-client.js';

/** A Graph API user node, with the fields asked for. @publicApi */
export interface GraphUser {
  id: string;
  name?: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  link?: string;
  picture?: { data: { url: string; width?: number; height?: number; is_silhouette?: boolean } };
}

/** What `POST /me/feed` answers: the new post's id ("<user id>_<post id>"). @publicApi */
export interface GraphPost {
  id: string;
}

/** Graph's `OAuthException` code for an access token that is invalid, expired or revoked. */
const GRAPH_INVALID_TOKEN = 190;

/**
 * `appsecret_proof`: the access token's HMAC-SHA256 under the app secret, in hex. Graph calls
 * carrying it are bound to the app ("Require App Secret" in the app's settings), so a leaked
 * token alone cannot call the API.
 */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

/**
 * A small typed client of Facebook's Graph API, acting for one connection: every call carries
 * the token in `Authorization: Bearer` and its `appsecret_proof`; Graph error 190 (or a 401)
 * marks the connection `needs_reauth`. Paths are relative to the versioned `apiURL`
 * (`https://graph.facebook.com/v21.0`); the generic `get`/`post` reach the rest of the Graph.
 *
 * @publicApi
 */
export class FacebookGraphClient extends HttpApiClient {
  constructor(
    config: ResolvedProviderConfig,
    connection: ConnectionCredentials,
    context?: ApiClientContext,
  ) {
    const token = connection.accessToken;
    super(
      config.id,
      config.apiURL,
      ({ url, headers }) => {
        headers.set('authorization', `Bearer ${token}`);
        url.searchParams.set('appsecret_proof', appSecretProof(token, config.secret));
      },
      config.timeoutMs,
      (status, body) =>
        status === 401 || graphErrorCode(body) === GRAPH_INVALID_TOKEN
          ? context?.unauthorized(token)
          : undefined,
    );
  }

  /** `GET /me` with these fields. */
  me(fields: readonly string[] = ['id', 'name', 'email']): Promise<GraphUser> {
    return this.get<GraphUser>('/me', { fields: fields.join(',') });
  }

  /** `POST /me/feed`: publishes a post (needs the `publish_to_groups`-era permissions at Facebook). */
  publish(message: string, link?: string): Promise<GraphPost> {
    return this.post<GraphPost>('/me/feed', { form: { message, ...(link ? { link } : {}) } });
  }
}

/** The `error.code` of a Graph error body, if it is one. */
export function graphErrorCode(body: unknown): number | undefined {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'number' ? error.code : undefined;
}
