import { SANDBOX_PROVIDERS, type SandboxClient } from './sandbox.types.js';

/** The Graph API version in the Facebook URLs the sandbox hands out (any `vN.M` is accepted). */
export const SANDBOX_GRAPH_VERSION = 'v21.0';

/** Endpoint overrides for the nestjs-social provider options. */
export interface SandboxEndpoints {
  twitter: {
    requestTokenURL: string;
    accessTokenURL: string;
    userAuthorizationURL: string;
    userProfileURL: string;
    /** API base: `${apiURL}/1.1/statuses/update.json`, `${apiURL}/2/tweets`. */
    apiURL: string;
    /** `POST /1.1/oauth/invalidate_token`, signed with the user's token. */
    revokeURL: string;
  };
  facebook: {
    authorizationURL: string;
    tokenURL: string;
    userProfileURL: string;
    /** Graph base including the version: `${apiURL}/me/feed`. */
    apiURL: string;
    /** `DELETE /me/permissions`: the user's grant of the app, ended. */
    revokeURL: string;
  };
  google: {
    authorizationURL: string;
    tokenURL: string;
    userProfileURL: string;
    /** API base: `${apiURL}/v1/people/me`. */
    apiURL: string;
    revokeURL: string;
    /** The keys its RS256 ID tokens are signed with (rotated by `rotateKeys('google')`). */
    jwksURL: string;
    /** The `iss` the sandbox puts on its callbacks (RFC 9207) and ID tokens. */
    issuer: string;
  };
  /** X's OAuth 2.0 (the `twitter` provider with `protocol: 'oauth2'`). */
  twitterOAuth2: {
    authorizationURL: string;
    tokenURL: string;
    userProfileURL: string;
    revokeURL: string;
    /** API base: `${apiURL}/2/tweets`. */
    apiURL: string;
  };
  /** GitHub's OAuth app flow and REST API (the passport-github2 example in the README). */
  github: {
    authorizationURL: string;
    tokenURL: string;
    userProfileURL: string;
    /** passport-github2's `userEmailURL`. */
    userEmailURL: string;
    apiURL: string;
  };
  /** The generic OpenID Connect issuer: everything else is in its discovery document. */
  oidc: {
    issuer: string;
  };
  foursquare: {
    authorizationURL: string;
    tokenURL: string;
    userProfileURL: string;
    /** v2 API base: `${apiURL}/checkins/add`. */
    apiURL: string;
  };
}

/** Endpoint overrides for the nestjs-social options, pointing every provider at a sandbox base URL. */
export function sandboxEndpoints(baseUrl: string): SandboxEndpoints {
  const base = baseUrl.replace(/\/+$/, '');
  const graph = `${base}/facebook/${SANDBOX_GRAPH_VERSION}`;
  return {
    twitter: {
      requestTokenURL: `${base}/twitter/oauth/request_token`,
      accessTokenURL: `${base}/twitter/oauth/access_token`,
      userAuthorizationURL: `${base}/twitter/oauth/authenticate`,
      userProfileURL: `${base}/twitter/1.1/account/verify_credentials.json`,
      apiURL: `${base}/twitter`,
      revokeURL: `${base}/twitter/1.1/oauth/invalidate_token`,
    },
    facebook: {
      authorizationURL: `${graph}/dialog/oauth`,
      tokenURL: `${graph}/oauth/access_token`,
      userProfileURL: `${graph}/me`,
      apiURL: graph,
      revokeURL: `${graph}/me/permissions`,
    },
    google: {
      authorizationURL: `${base}/google/o/oauth2/v2/auth`,
      tokenURL: `${base}/google/token`,
      userProfileURL: `${base}/google/oauth2/v3/userinfo`,
      apiURL: `${base}/google`,
      revokeURL: `${base}/google/revoke`,
      jwksURL: `${base}/google/oauth2/v3/certs`,
      issuer: `${base}/google`,
    },
    twitterOAuth2: {
      authorizationURL: `${base}/twitter/i/oauth2/authorize`,
      tokenURL: `${base}/twitter/2/oauth2/token`,
      userProfileURL: `${base}/twitter/2/users/me`,
      revokeURL: `${base}/twitter/2/oauth2/revoke`,
      apiURL: `${base}/twitter`,
    },
    github: {
      authorizationURL: `${base}/github/login/oauth/authorize`,
      tokenURL: `${base}/github/login/oauth/access_token`,
      userProfileURL: `${base}/github/api/user`,
      userEmailURL: `${base}/github/api/user/emails`,
      apiURL: `${base}/github/api`,
    },
    oidc: { issuer: `${base}/oidc` },
    foursquare: {
      authorizationURL: `${base}/foursquare/oauth2/authenticate`,
      tokenURL: `${base}/foursquare/oauth2/access_token`,
      userProfileURL: `${base}/foursquare/v2/users/self`,
      apiURL: `${base}/foursquare/v2`,
    },
  };
}

/**
 * Default client credentials the sandbox accepts for each provider when started by main.ts:
 * `sandbox-<provider>-key` / `sandbox-<provider>-secret`, redirecting to `${appUrl}/login/<provider>`
 * and `${appUrl}/connect/<provider>`.
 */
export const SANDBOX_DEFAULT_CLIENTS = (appUrl: string): SandboxClient[] => {
  const app = appUrl.replace(/\/+$/, '');
  return SANDBOX_PROVIDERS.map((provider) => ({
    provider,
    clientId: `sandbox-${provider}-key`,
    clientSecret: `sandbox-${provider}-secret`,
    redirectUris: [`${app}/login/${provider}`, `${app}/connect/${provider}`],
  }));
};
