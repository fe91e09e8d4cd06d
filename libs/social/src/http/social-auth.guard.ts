import {
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  mixin,
  type Type,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, type IAuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { SocialUsersRef } from '../flows/social-users.ref.js';
import { hasCallbackParams, readCallbackParams } from '../oauth/callback-params.util.js';
import { describeProviderError, mapStrategyError } from '../oauth/map-strategy-error.util.js';
import { OAuthStateStore } from '../oauth/oauth-state.store.js';
import { requireSession } from '../oauth/require-session.util.js';
import { isSetupFailure, setupFailureHint } from '../oauth/setup-failure-hint.util.js';
import type { CompletedRoundTrip, RoundTripState } from '../oauth/round-trip-state.js';
import { StateStoreFailure } from '../oauth/round-trips.js';
import type { SocialAuthOutcome } from '../oauth/social-auth-outcome.js';
import { ProviderRedirect, type SocialChallenge } from '../oauth/social.strategy.js';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import { type ProviderRuntime, ProviderStrategies } from '../providers/provider-strategies.js';
import { SocialRefusalException } from '../social.exceptions.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import { callbackOf, type SocialAuthResult, type SocialFlow } from '../social.types.js';
import { memoize } from './memoize.util.js';
import { NextUrl } from './next-url.js';
import { type SocialAnswer, SocialAnswers } from './social-answers.js';
import { SOCIAL_AUTH_PROPERTY, SOCIAL_ROUND_TRIP, socialAuthOf } from './social.decorators.js';
import { saveSession, toErrorBody } from './social.responder.js';

/**
 * The guard of one provider: `AuthGuard` from @nestjs/passport over that provider's strategy,
 * memoized, so `SocialAuthGuard('google')` is one class wherever it is used. The module's
 * controller runs it for the provider its `:provider` names; an app can put it on its own routes
 * too.
 *
 * A POST starts a round trip (the flow from `@SocialRoundTrip()`, a login without it) and a GET
 * is the provider's callback. The guard never throws a bare 401: it leaves a `SocialAuthOutcome`
 * for the route (`@SocialAuth()`), and refuses a start or callback the current user may not make
 * with a `SocialRefusalException` (AUTH_REQUIRED, ALREADY_AUTHENTICATED).
 *
 * @example
 * @Controller('account/google')
 * @UseGuards(SocialAuthGuard('google'))
 * export class GoogleAccountController {
 *   @Post() start(@SocialAuth() auth: SocialAuthOutcome, @Res() res: Response) { ... }
 * }
 * @publicApi
 */
export const SocialAuthGuard: (providerId: string) => Type<ProviderAuthGuard> = memoize(
  (providerId) => {
    class ProviderGuard extends ProviderAuthGuard {
      static readonly providerId = providerId;
    }
    return mixin(ProviderGuard);
  },
);

/**
 * What every `SocialAuthGuard(providerId)` class is: extend one to override its protected hooks
 * (which flow, which user, which callback URL, who may start).
 *
 * @publicApi
 */
@Injectable()
export abstract class ProviderAuthGuard extends AuthGuard() implements IAuthGuard {
  protected readonly logger = new Logger('SocialModule');
  protected readonly provider: ProviderRuntime;

  constructor(
    strategies: ProviderStrategies,
    @Inject(RESOLVED_SOCIAL_OPTIONS) protected readonly social: ResolvedSocialOptions,
    protected readonly users: SocialUsersRef,
    protected readonly stateStore: OAuthStateStore,
    protected readonly answers: SocialAnswers,
    protected readonly nextUrl: NextUrl,
    protected readonly reflector: Reflector,
  ) {
    // Each SocialAuthGuard(providerId) class names its provider, known before `super`.
    const provider = strategies.get((new.target as unknown as { providerId: string }).providerId);
    super({ defaultStrategy: provider.strategyName });
    pinStrategy(this, provider.strategyName);
    this.provider = provider;
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = this.getRequest(context);
    requireSession(req);
    // A start is a POST form: a GET link would be a login CSRF (anyone's page could start one).
    if (isCallback(req) && !hasCallbackParams(req.query as Record<string, unknown>)) {
      const callback = callbackOf(this.getFlow(context));
      throw refusal(
        this.answers.startFailed('start_needs_post', this.provider.config.name, callback),
      );
    }
    await super.canActivate(context);
    // The round trip must be stored before the browser leaves for the provider.
    if (socialAuthOf(req)?.kind === 'redirect') await saveSession(req);
    return true;
  }

  override async getAuthenticateOptions(context: ExecutionContext) {
    const req = this.getRequest(context);
    const flow = this.getFlow(context);
    const userId = await this.getUserId(context);
    const state: RoundTripState = isCallback(req)
      ? { step: 'callback', flow, userId }
      : { step: 'start', flow, userId, next: this.nextUrl.after(flow, formField(req, 'next')) };
    await this.refuseWhenNotAllowed(req, state);
    return {
      session: false,
      property: SOCIAL_AUTH_PROPERTY,
      callbackURL: this.getCallbackURL(context, flow),
      state,
    };
  }

  override handleRequest<TUser = SocialAuthOutcome>(
    err: unknown,
    user: unknown,
    info: unknown,
    context: ExecutionContext,
    status?: unknown,
  ): TUser {
    return this.toOutcome(err, user, info, context, status) as TUser;
  }

  override getRequest(context: ExecutionContext): Request {
    return context.switchToHttp().getRequest<Request>();
  }

  /** Which round trip this route runs: `@SocialRoundTrip(flow)` on the handler or class, else a login. */
  protected getFlow(context: ExecutionContext): SocialFlow {
    return (
      this.reflector.getAllAndOverride<SocialFlow | undefined>(SOCIAL_ROUND_TRIP, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'login'
    );
  }

  /** Which user is current: the app's `SocialUsers.currentUserId`. */
  protected getUserId(context: ExecutionContext): Promise<string | null> {
    return this.users.currentUserId(this.getRequest(context));
  }

  /**
   * The provider's redirect URI for this flow: the module's callback route, built from
   * `appUrl` (never the Host header). Override it to come back to a route of your own.
   */
  protected getCallbackURL(_context: ExecutionContext, flow: SocialFlow): string {
    const { appUrl, urlPrefix } = this.social;
    return `${appUrl}${urlPrefix}/${callbackOf(flow)}/${this.provider.config.id}`;
  }

  /** A provider login needs an anonymous user; a connect needs a logged-in one (its start and its callback). */
  protected async refuseWhenNotAllowed(req: Request, state: RoundTripState): Promise<void> {
    if (state.step === 'start' && state.flow === 'login' && state.userId) {
      throw refusal(this.answers.alreadyAuthenticated());
    }
    if (state.flow === 'login' || state.userId) return;
    // Flask-Social's connect callback had no login check and stored connections with
    // user_id=None. The round trip the callback names is spent all the same: single-use.
    if (state.step === 'callback') await this.spendNamedRoundTrip(req);
    throw refusal(this.answers.loginRequired());
  }

  private async spendNamedRoundTrip(req: Request): Promise<void> {
    const params = readCallbackParams(req.query as Record<string, unknown>);
    const handle = params?.state ?? params?.oauth_token ?? params?.denied;
    if (handle !== undefined) await this.stateStore.take(req, this.provider.config.id, handle);
  }

  private toOutcome(
    err: unknown,
    user: unknown,
    info: unknown,
    context: ExecutionContext,
    status: unknown,
  ): SocialAuthOutcome {
    const callback = isCallback(this.getRequest(context));
    // The store or the session failed: not the provider's fault (a 503 or a setup error).
    if (err instanceof StateStoreFailure) throw err.cause;
    if (err) {
      const reason = mapStrategyError(err, this.provider.config);
      if (reason !== 'provider_timeout') {
        const step = callback ? 'callback failed' : 'could not start authorization';
        const line = `${this.provider.config.id}: ${step}: ${describeProviderError(err)}`;
        if (isSetupFailure(reason)) {
          const url = this.getCallbackURL(context, this.getFlow(context));
          this.logger.error(`${line}: ${setupFailureHint(reason, this.provider.config, url)}`);
        } else {
          this.logger.warn(line);
        }
      }
      return { kind: 'failed', reason };
    }
    if (user instanceof ProviderRedirect) {
      // Only a start redirects; a callback that would is malformed (e.g. no code at all).
      return callback
        ? { kind: 'failed', reason: 'invalid_callback' }
        : { kind: 'redirect', url: user.url };
    }
    if (user) {
      const roundTrip = (info as { state: CompletedRoundTrip }).state;
      return { kind: 'authenticated', result: user as SocialAuthResult, roundTrip };
    }
    const reason = (info as SocialChallenge | undefined)?.reason;
    return {
      kind: 'failed',
      reason: reason ?? (status === 403 ? 'state_invalid' : 'access_denied'),
    };
  }
}

/** A GET is the provider coming back; any other method starts a round trip. */
function isCallback(req: Request): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

function formField(req: Request, name: string): unknown {
  const body: unknown = req.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

function refusal(answer: SocialAnswer): SocialRefusalException {
  return new SocialRefusalException(toErrorBody(answer), answer.category as 'info' | undefined);
}

/**
 * `AuthGuard()` without a type authenticates with `options.defaultStrategy`, and property-injects
 * PassportModule's options where the host registered PassportModule. Keep whatever the host set,
 * but always this provider's strategy: its name carries the module instance.
 */
function pinStrategy(guard: object, strategyName: string): void {
  let options: Record<string, unknown> = { defaultStrategy: strategyName };
  Object.defineProperty(guard, 'options', {
    configurable: true,
    get: () => options,
    set: (value: Record<string, unknown> | undefined) => {
      options = { ...value, defaultStrategy: strategyName };
    },
  });
}
