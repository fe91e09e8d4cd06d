import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { requireSession } from '../oauth/require-session.util.js';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import { SocialHttpException } from '../social.exceptions.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import { EnabledProviderPipe } from './enabled-provider.pipe.js';
import { isSameOriginRequest } from './same-origin.util.js';
import { SocialAnswers } from './social-answers.js';
import { SocialAuthGuard } from './social-auth.guard.js';
import { SOCIAL_PROVIDER_INITIATED, SOCIAL_ROUND_TRIP } from './social.decorators.js';
import { toErrorBody } from './social.responder.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs before every route of the module's controller: refuses state-changing requests from
 * other sites (except the `@ProviderInitiated()` callbacks, which prove themselves), resolves `:provider` to an enabled provider (404 otherwise), and hands a
 * round-trip route to that provider's `SocialAuthGuard`.
 */
@Injectable()
export class SocialRouteGuard implements CanActivate {
  private readonly guards = new Map<string, Promise<CanActivate>>();
  private readonly appOrigin: string;

  constructor(
    @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
    private readonly providers: EnabledProviderPipe,
    private readonly answers: SocialAnswers,
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {
    this.appOrigin = new URL(options.appUrl).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    // Every route reads the session (the user, the round trip, the flash): say so before a TypeError.
    requireSession(req);
    if (
      !SAFE_METHODS.has(req.method) &&
      !this.reflector.get<boolean | undefined>(SOCIAL_PROVIDER_INITIATED, context.getHandler()) &&
      !isSameOriginRequest(req.headers, this.appOrigin)
    ) {
      const answer = this.answers.answer('cross_site', '', this.options.loginRedirect);
      throw new SocialHttpException(toErrorBody(answer));
    }
    const providerId: unknown = req.params?.['provider'];
    if (providerId === undefined) return true;
    const provider = this.resolveProvider(providerId);
    if (!this.isRoundTrip(context, req)) return true;
    return (await this.guardOf(provider.config.id)).canActivate(context) as Promise<boolean>;
  }

  /** The enabled provider a route names; throws the 404 answer for any other. */
  protected resolveProvider(providerId: unknown) {
    return this.providers.transform(providerId);
  }

  /** A `@SocialRoundTrip()` route, unless the form says it stands in for a DELETE. */
  private isRoundTrip(context: ExecutionContext, req: Request): boolean {
    const flow = this.reflector.get<string | undefined>(SOCIAL_ROUND_TRIP, context.getHandler());
    return flow !== undefined && !isDeleteOverride(req);
  }

  private guardOf(providerId: string): Promise<CanActivate> {
    let guard = this.guards.get(providerId);
    if (!guard) {
      guard = this.moduleRef.create(SocialAuthGuard(providerId));
      this.guards.set(providerId, guard);
    }
    return guard;
  }
}

/** HTML forms cannot send DELETE: a POST with `_method=DELETE` stands in for it. */
export function isDeleteOverride(req: Request): boolean {
  const method: unknown = (req.body as Record<string, unknown> | undefined)?.['_method'];
  return typeof method === 'string' && method.toUpperCase() === 'DELETE';
}
