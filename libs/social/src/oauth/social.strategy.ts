import type { Type } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { ProviderTimeoutError } from '../social.exceptions.js';
import type {
  ProfileValues,
  ResolvedProviderConfig,
  RoundTripFailureReason,
  SocialAuthResult,
  SocialFlow,
} from '../social.types.js';
import { readCallbackParams } from './callback-params.util.js';
import { settleCallbackEarly } from './callback-checks.js';
import { capProviderResponses } from './cap-provider-responses.util.js';
import { useClientSecretBasic } from './client-authentication.util.js';
import { guardOAuthCallbacks } from './guard-oauth-callbacks.util.js';
import { checkIdTokenOnThisRun, type OAuth2Run } from './id-token-check.util.js';
import type { IdTokenVerifier } from './id-token.verifier.js';
import type { OAuthStateStore } from './oauth-state.store.js';
import {
  OAuth1RequestTokenStoreAdapter,
  OAuth2StateStoreAdapter,
} from './passport-state-stores.js';
import { requireCallbackConfirmed } from './require-callback-confirmed.util.js';
import type { SocialAuthenticateOptions } from './round-trip-state.js';
import { newHandle, RoundTrips } from './round-trips.js';
import { toAuthResult } from './to-auth-result.util.js';

/** What every social strategy is given besides its passport options. */
export interface SocialStrategyDeps {
  config: ResolvedProviderConfig;
  stateStore: OAuthStateStore;
  /** OpenID Connect providers: validates each callback's ID token (built from `config.openId`). */
  idTokens?: IdTokenVerifier;
}

/** A start answers with where to send the browser, instead of passport ending the response. */
export class ProviderRedirect {
  constructor(readonly url: string) {}
}

/** What a strategy fails with: the reason the guard turns into an outcome. */
export interface SocialChallenge {
  reason: RoundTripFailureReason;
}

/** validate(req, token, tokenSecret | refreshToken, params, profile): passport reads the arity. */
const VERIFY_ARITY = 6;

/** PassportStrategy registers each instance in passport's global registry under a fixed name; the module does it itself, per module instance. */
const REGISTERED_BY_THE_MODULE = { use: () => undefined };

/**
 * The stores passport-oauth1 and passport-oauth2 are built with. Each run installs its own,
 * bound to the request (see `authenticate`); these only stand in for them (passport-oauth2
 * refuses `pkce` without a store) and refuse to be used.
 */
const REPLACED_ON_EACH_RUN = Object.freeze(
  Object.fromEntries(
    ['store', 'verify', 'get', 'set', 'destroy'].map((method) => [
      method,
      () => {
        throw new Error('nestjs-social: a strategy ran without its per-request state store');
      },
    ]),
  ),
);

/** The passport-oauth1 / passport-oauth2 internals the base reaches into. */
interface OAuthStrategyInternals {
  authenticate(req: Request, options: object): void;
  success(user: unknown, info?: unknown): void;
  fail(challenge?: unknown, status?: number): void;
  error(err: unknown): void;
  redirect(url: string, status?: number): void;
  pass(): void;
  _stateStore?: unknown;
  _requestTokenStore?: unknown;
  authorizationParams?(options: object): Record<string, unknown>;
  _oauth?: { getOAuthRequestToken: (...args: any[]) => void };
  _oauth2?: {
    useAuthorizationHeaderforGET(use: boolean): void;
    _request(...args: any[]): unknown;
    _getAccessTokenUrl(): string;
  };
}

/** The common base of the module's passport strategies, as a class (see `SocialStrategy`). @publicApi */
export interface SocialStrategyInstance {
  readonly config: ResolvedProviderConfig;
  /** Send the access token in the Authorization header when reading the profile (default true). */
  readonly profileTokenInHeader: boolean;
  /**
   * Maps the provider's raw profile JSON (`profile._json`; for OpenID Connect the ID token's
   * claims with userinfo's) to connection values: every subclass implements it. `profile` is the
   * whole passport profile, for strategies that put more beside `_json` (passport-github2's emails).
   */
  toProfileValues(json: unknown, profile?: object): ProfileValues & { emailVerified?: boolean };
  /** Refuses a profile the app's settings exclude (Google `hostedDomain`): throw `ProfileNotAllowedError`. */
  verifyProfile(json: unknown): void;
  /** Extra `authenticate()` options per flow (e.g. Google's `accessType`). */
  authenticateOptions(flow: SocialFlow): Record<string, unknown>;
  /** passport-oauth2's extra authorization request parameters; the base adds the OIDC nonce. */
  authorizationParams(options: object): Record<string, unknown>;
  validate(
    req: Request,
    token: string,
    secretOrRefresh: string | undefined,
    params: Record<string, unknown>,
    profile: { _json?: unknown },
  ): SocialAuthResult | Promise<SocialAuthResult>;
  authenticate(req: Request, options: SocialAuthenticateOptions): void;
}

/**
 * The base every provider's strategy extends: `PassportStrategy(<its passport-* Strategy>)`
 * plus what all of them need. `validate()` maps the provider's profile and tokens; each
 * round trip goes through the module's `OAuthStateStore`, bound to the flow and user the guard
 * put in passport's `state` option; OAuth 1.0a requires `oauth_callback_confirmed`; the profile
 * is fetched with the token in the Authorization header; callbacks that need no provider call
 * are settled first; and every run has a deadline (node-oauth has none).
 *
 * A provider subclass passes its passport options and the deps to `super`, and implements
 * `toProfileValues` (and, when it needs them, `verifyProfile` and `authenticateOptions`).
 *
 * @publicApi
 */
export function SocialStrategy<T extends Type<any>>(
  Base: T,
): abstract new (...args: any[]) => SocialStrategyInstance {
  // TypeScript cannot extend the generic instance type PassportStrategy returns; what the base
  // uses of it is OAuthStrategyInternals.
  const PassportBase = PassportStrategy(Base, undefined, VERIFY_ARITY) as unknown as new (
    ...args: any[]
  ) => OAuthStrategyInternals;
  abstract class SocialStrategyBase extends PassportBase implements SocialStrategyInstance {
    readonly config: ResolvedProviderConfig;
    readonly stateStore: OAuthStateStore;
    readonly idTokens?: IdTokenVerifier;

    /** @param args the passport options of the provider's strategy, then `SocialStrategyDeps`. */
    constructor(...args: any[]) {
      const [options, deps] = args as [object, SocialStrategyDeps];
      super({
        ...options,
        passReqToCallback: true,
        store: REPLACED_ON_EACH_RUN,
        requestTokenStore: REPLACED_ON_EACH_RUN,
      });
      this.config = deps.config;
      this.stateStore = deps.stateStore;
      this.idTokens = deps.idTokens;
      guardOAuthCallbacks(this);
      capProviderResponses(this);
      if (this._oauth2 && deps.config.clientAuthentication === 'client_secret_basic')
        useClientSecretBasic(this._oauth2, deps.config);
      if (this._oauth) requireCallbackConfirmed(this._oauth);
      // node-oauth puts the access token in the query of its GET requests unless told otherwise;
      // strict servers refuse that (RFC 6750 §2.3, OAuth 2.1) and URLs end up in logs.
      if (this._oauth2 && this.profileTokenInHeader)
        this._oauth2.useAuthorizationHeaderforGET(true);
    }

    get profileTokenInHeader(): boolean {
      return true;
    }

    abstract toProfileValues(
      json: unknown,
      profile?: object,
    ): ProfileValues & { emailVerified?: boolean };

    verifyProfile(_json: unknown): void {}

    authenticateOptions(_flow: SocialFlow): Record<string, unknown> {
      return {};
    }

    validate(
      _req: Request,
      token: string,
      secretOrRefresh: string | undefined,
      params: Record<string, unknown>,
      profile: { _json?: unknown },
    ): SocialAuthResult | Promise<SocialAuthResult> {
      this.verifyProfile(profile._json);
      return toAuthResult(
        this.config,
        this.toProfileValues(profile._json, profile),
        token,
        secretOrRefresh,
        params,
      );
    }

    /**
     * passport calls this on a per-request copy of the strategy (`Object.create(strategy)`), so
     * what is set on `this` here belongs to this request only.
     */
    override authenticate(req: Request, options: SocialAuthenticateOptions): void {
      settleOnce(this, this.config);
      const roundTrips = new RoundTrips(this.stateStore, this.config.id, options.state);
      // OpenID Connect: a nonce per round trip, kept with it and checked against the ID token.
      const nonce = this.idTokens && options.state.step === 'start' ? newHandle() : undefined;
      if (this.config.protocol === 'oauth1') {
        this._requestTokenStore = new OAuth1RequestTokenStoreAdapter(roundTrips);
      } else {
        this._stateStore = new OAuth2StateStoreAdapter(roundTrips, this.config.pkce, nonce);
      }
      if (this.idTokens && options.state.step === 'callback') {
        checkIdTokenOnThisRun(
          this as unknown as OAuth2Run,
          this.idTokens,
          () => roundTrips.taken?.nonce,
        );
      }
      const run = nonce ? { ...options, nonce } : options;
      this.begin(req, run, roundTrips).catch((error: unknown) => this.error(error));
    }

    /** Adds the round trip's OpenID Connect nonce to the authorization request. */
    override authorizationParams(options: { nonce?: unknown }): Record<string, unknown> {
      const params = super.authorizationParams?.(options) ?? {};
      return typeof options.nonce === 'string' ? { ...params, nonce: options.nonce } : params;
    }

    /** Settles the callbacks that need no provider call, then runs the passport strategy. */
    async begin(req: Request, options: SocialAuthenticateOptions, roundTrips: RoundTrips) {
      if (options.state.step === 'callback') {
        const params = readCallbackParams((req.query ?? {}) as Record<string, unknown>);
        if (!params)
          return this.fail({ reason: 'invalid_callback' } satisfies SocialChallenge, 400);
        const early = await settleCallbackEarly(req, this.config, params, roundTrips);
        if (early) return this.fail({ reason: early } satisfies SocialChallenge);
      } else if (looksLikeCallback(req)) {
        // A start carrying a code or an answer would run passport's callback branch.
        return this.fail({ reason: 'invalid_callback' } satisfies SocialChallenge, 400);
      }
      super.authenticate(req, { ...options, ...this.authenticateOptions(options.state.flow) });
    }

    /** @internal the module registers strategies itself, under a name per module instance. */
    getPassportInstance() {
      return REGISTERED_BY_THE_MODULE;
    }
  }
  return SocialStrategyBase;
}

/** The parameters that send passport-oauth1/2 (and passport-facebook, passport-twitter) down their callback branches. */
const CALLBACK_PARAMS = ['code', 'error', 'error_code', 'oauth_token', 'denied'];

function looksLikeCallback(req: Request): boolean {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const body = (req.body ?? {}) as Record<string, unknown>;
  return CALLBACK_PARAMS.some((name) => query[name] !== undefined) || body['code'] !== undefined;
}

/**
 * Makes a run answer once: the first of success, fail, error or redirect wins, a redirect
 * becomes a success carrying the URL (the module saves the session, then redirects), and a run
 * still going after the provider deadline fails with `ProviderTimeoutError`.
 */
function settleOnce(run: OAuthStrategyInternals, config: ResolvedProviderConfig): void {
  const { success, fail, error } = run;
  let settled = false;
  const timer = setTimeout(
    () => answer(() => error.call(run, new ProviderTimeoutError(config.id, config.timeoutMs))),
    config.timeoutMs,
  );
  function answer(how: () => void) {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    how();
  }
  run.success = (user, info) => answer(() => success.call(run, user, info));
  run.fail = (challenge, status) => answer(() => fail.call(run, challenge, status));
  run.error = (err) => answer(() => error.call(run, err));
  run.redirect = (url) => answer(() => success.call(run, new ProviderRedirect(url), {}));
  run.pass = () => answer(() => error.call(run, new Error('strategy passed the request on')));
}
