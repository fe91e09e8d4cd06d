import { Agent } from 'node:http';
import type { ITwitterApiClientPlugin, TwitterApi } from 'twitter-api-v2';
import type { ConnectionCredentials, ResolvedProviderConfig } from '../social.types.js';
import type { ApiClientContext } from './api-client-context.js';
import { importPeer } from './optional-peer.util.js';

/** The hosts twitter-api-v2 calls; any other `apiURL` (the sandbox, a proxy) replaces them. */
const X_API_ORIGINS = ['https://api.x.com', 'https://api.twitter.com'];

/**
 * The connection's `TwitterApi` (twitter-api-v2, an optional peer): OAuth 1.0a user context
 * (consumer key and secret, access token and secret), or with `protocol: 'oauth2'` a user
 * bearer client (its token renewed by the module's refresher before it is built). Calls go to
 * the provider's `apiURL`, with the provider deadline; a 401 marks the connection `needs_reauth`.
 */
export async function twitterApiClient(
  config: ResolvedProviderConfig,
  connection: ConnectionCredentials,
  context?: ApiClientContext,
): Promise<TwitterApi> {
  const { TwitterApi } = await importPeer(
    'twitter-api-v2',
    'getApi() for Twitter',
    () => import('twitter-api-v2'),
  );
  // twitter-api-v2 sends through https.request, which takes a plain-HTTP base only with an
  // http agent (the sandbox on loopback).
  const plainHttp = new URL(config.apiURL).protocol === 'http:';
  const settings = {
    plugins: [connectionPlugin(config, connection.accessToken, context)],
    ...(plainHttp ? { httpAgent: new Agent() } : {}),
  };
  if (config.protocol !== 'oauth1') return new TwitterApi(connection.accessToken, settings);
  const userContext = {
    appKey: config.key,
    appSecret: config.secret,
    accessToken: connection.accessToken,
    accessSecret: connection.secret ?? '',
  };
  return new TwitterApi(userContext, settings);
}

/** Points the calls at `apiURL` (before they are signed), sets the deadline, reports a 401. */
function connectionPlugin(
  config: ResolvedProviderConfig,
  accessToken: string,
  context?: ApiClientContext,
): ITwitterApiClientPlugin {
  const base = config.apiURL.replace(/\/+$/, '');
  const rebase = !X_API_ORIGINS.includes(base);
  return {
    onBeforeRequestConfig({ params }) {
      params.timeout ??= config.timeoutMs;
      const url = new URL(params.url);
      if (!rebase || !X_API_ORIGINS.includes(url.origin)) return;
      // twitter-api-v2 picks JSON bodies for v2 by the path, which the new base prefixes.
      if (url.pathname.startsWith('/2/') && !url.pathname.startsWith('/2/oauth2/'))
        params.forceBodyMode ??= 'json';
      params.url = base + url.pathname + url.search;
    },
    async onResponseError({ error }) {
      if (error.code === 401) await context?.unauthorized(accessToken);
    },
  };
}
