import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { isSameOriginRequest } from './security/same-origin.util.js';
import { SocialErrorCode } from './social.errors.js';
import type { ResolvedSocialOptions } from './social-options.resolver.js';
import { RESOLVED_SOCIAL_OPTIONS } from './social.internal-constants.js';
import { ProviderRuntimes } from './strategy/provider-runtimes.js';

/** Where the guard leaves the provider's runtime for the handler. */
export const PROVIDER_RUNTIME = Symbol('nestjs-social:provider-runtime');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs before every module route: resolves `:provider` to an enabled provider (404 otherwise, as
 * Flask-Social's `get_provider_or_404`), and refuses state-changing requests from other sites.
 */
@Injectable()
export class SocialProviderGuard implements CanActivate {
  constructor(
    private readonly runtimes: ProviderRuntimes,
    @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest();
    if (
      !SAFE_METHODS.has(req.method) &&
      !isSameOriginRequest(req.headers, new URL(this.options.appUrl).origin)
    ) {
      throw new ForbiddenException({
        statusCode: 403,
        code: SocialErrorCode.CsrfFailed,
        message: 'Cross-site request refused',
      });
    }
    const providerId = req.params?.provider;
    if (providerId === undefined) return true;
    const runtime = typeof providerId === 'string' ? this.runtimes.get(providerId) : undefined;
    if (!runtime) {
      throw new NotFoundException({
        statusCode: 404,
        code: SocialErrorCode.ProviderNotFound,
        message: `No provider "${String(providerId).slice(0, 40)}" is configured`,
      });
    }
    req[PROVIDER_RUNTIME] = runtime;
    return true;
  }
}
