import { Injectable, Logger } from '@nestjs/common';
import { issuerMatches } from '../security/issuer.util.js';
import { FLOW_CONTEXT, type FlowContext, PendingFlows } from '../security/pending-flows.js';
import { SocialErrorCode } from '../social.errors.js';
import type { SocialAuthResult } from '../providers/social-profile.interface.js';
import { type CallbackParams, readCallbackParams } from './callback-params.util.js';
import type { CallbackOutcome } from './callback-outcome.js';
import { describeProviderError, mapStrategyError } from './map-strategy-error.util.js';
import type { ProviderRuntime } from './provider-runtimes.js';
import { runStrategy } from './run-strategy.util.js';

/** Outcome of starting a round trip: the provider URL to send the browser to, or why not. */
export type StartOutcome =
  { kind: 'redirect'; url: string } | { kind: 'failed'; status: number; code: SocialErrorCode };

/**
 * Runs the OAuth round trips through the providers' passport strategies: the start (redirect to
 * the provider) and the callback (state check, token exchange, profile). It never writes the
 * response and never touches the database.
 */
@Injectable()
export class SocialOAuthService {
  private readonly logger = new Logger('SocialModule');

  async start(
    req: any,
    runtime: ProviderRuntime,
    context: FlowContext,
    callbackURL: string,
  ): Promise<StartOutcome> {
    req[FLOW_CONTEXT] = context;
    const outcome = await runStrategy(
      runtime.strategy,
      req,
      { callbackURL, ...runtime.definition.authenticateOptions?.(context.flow, runtime.config) },
      runtime.config.timeoutMs,
    );
    if (outcome.kind === 'redirect') return { kind: 'redirect', url: outcome.url };
    if (outcome.kind === 'timeout')
      return { kind: 'failed', status: 504, code: SocialErrorCode.ProviderTimeout };
    this.logger.warn(
      `${runtime.config.id}: could not start authorization: ${describeProviderError(outcome)}`,
    );
    return { kind: 'failed', status: 502, code: SocialErrorCode.ProviderError };
  }

  async complete(
    req: any,
    runtime: ProviderRuntime,
    context: FlowContext,
    callbackURL: string,
  ): Promise<CallbackOutcome> {
    req[FLOW_CONTEXT] = context;
    const params = readCallbackParams(req.query ?? {});
    if (!params) return failed(400, SocialErrorCode.BadRequest);
    const early =
      runtime.config.protocol === 'oauth1'
        ? this.checkOAuth1Callback(req, runtime, params)
        : this.checkOAuth2Callback(req, runtime, params);
    if (early) return early;

    const outcome = await runStrategy(
      runtime.strategy,
      req,
      { callbackURL },
      runtime.config.timeoutMs,
    );
    switch (outcome.kind) {
      case 'success':
        return {
          kind: 'authenticated',
          result: outcome.user as SocialAuthResult,
          // The flow that started the round trip, as the state store recorded it.
          flow: (outcome.info as { state?: FlowContext })?.state?.flow ?? context.flow,
        };
      case 'fail':
        // The stores fail with 403 on an unknown, expired or foreign state.
        return outcome.status === 403
          ? failed(403, SocialErrorCode.StateInvalid)
          : { kind: 'denied' };
      case 'timeout':
        return failed(504, SocialErrorCode.ProviderTimeout);
      case 'redirect':
        // Only a start redirects; a callback that would is malformed (e.g. no code at all).
        return failed(400, SocialErrorCode.BadRequest);
      default: {
        const mapped = mapStrategyError(outcome.error);
        this.logger.warn(
          `${runtime.config.id}: callback failed: ${describeProviderError(outcome)}`,
        );
        return failed(mapped.status, mapped.code);
      }
    }
  }

  /**
   * Spends the round trip a callback names without completing it (the callback cannot be
   * served, e.g. nobody is logged in): a state is single-use whatever the outcome.
   */
  spend(req: any, runtime: ProviderRuntime): void {
    const params = readCallbackParams(req.query ?? {});
    const handle = params?.state ?? params?.oauth_token ?? params?.denied;
    if (handle === undefined || !req.session) return;
    req[FLOW_CONTEXT] = { flow: 'connect', userId: null };
    new PendingFlows(runtime.config.id).take(req, handle);
  }

  /** Twitter's `?denied=` and malformed callbacks, settled before any call to the provider. */
  private checkOAuth1Callback(
    req: any,
    runtime: ProviderRuntime,
    params: CallbackParams,
  ): CallbackOutcome | null {
    const flows = new PendingFlows(runtime.config.id);
    if (params.denied !== undefined) {
      return flows.take(req, params.denied)
        ? { kind: 'denied' }
        : failed(403, SocialErrorCode.StateInvalid);
    }
    // Without oauth_token passport-oauth1 would start a new round trip from the callback URL.
    if (params.oauth_token === undefined) return failed(400, SocialErrorCode.BadRequest);
    if (params.oauth_verifier === undefined) {
      // RFC 5849 §2.3: the verifier is required; the request token is spent either way.
      return flows.take(req, params.oauth_token)
        ? failed(400, SocialErrorCode.BadRequest)
        : failed(403, SocialErrorCode.StateInvalid);
    }
    return null;
  }

  /** Error redirects and callbacks without a code, settled before any call to the provider. */
  private checkOAuth2Callback(
    req: any,
    runtime: ProviderRuntime,
    params: CallbackParams,
  ): CallbackOutcome | null {
    const hasError = params.error !== undefined || params.error_code !== undefined;
    const foreignIssuer = params.iss !== undefined && !issuerMatches(params.iss, runtime.config);
    if (!hasError && params.code !== undefined && !foreignIssuer) return null;
    // The state is spent whatever the outcome (RFC 9700 §4.2.4), and checked first: an error
    // redirect with a foreign state says nothing about our user.
    const flow = new PendingFlows(runtime.config.id).take(req, params.state);
    if (!flow) return failed(403, SocialErrorCode.StateInvalid);
    // RFC 9207: an `iss` that is not our provider's means the answer came from another server.
    if (foreignIssuer) return failed(403, SocialErrorCode.IssuerMismatch);
    if (!hasError) return failed(400, SocialErrorCode.BadRequest);
    if (params.error === 'access_denied') return { kind: 'denied' };
    if (params.error === 'temporarily_unavailable')
      return failed(503, SocialErrorCode.ProviderError);
    // Facebook's error_code without `error` (e.g. 200 "Permissions error") is a refusal too.
    if (params.error === undefined && params.error_code === '200') return { kind: 'denied' };
    return failed(502, SocialErrorCode.ProviderError);
  }
}

function failed(status: number, code: SocialErrorCode): CallbackOutcome {
  return { kind: 'failed', status, code };
}
