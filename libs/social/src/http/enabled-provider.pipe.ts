import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import { type ProviderRuntime, ProviderStrategies } from '../providers/provider-strategies.js';
import { SocialHttpException } from '../social.exceptions.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import { SocialAnswers } from './social-answers.js';
import { toErrorBody } from './social.responder.js';

/**
 * Turns a `:provider` route parameter into the enabled provider, or answers 404
 * PROVIDER_NOT_FOUND (Flask-Social's `get_provider_or_404`).
 */
@Injectable()
export class EnabledProviderPipe implements PipeTransform<unknown, ProviderRuntime> {
  constructor(
    private readonly strategies: ProviderStrategies,
    private readonly answers: SocialAnswers,
    @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
  ) {}

  transform(providerId: unknown): ProviderRuntime {
    const provider = typeof providerId === 'string' ? this.strategies.find(providerId) : undefined;
    if (!provider) {
      const answer = this.answers.answer(
        'provider_not_found',
        String(providerId),
        this.options.loginRedirect,
      );
      throw new SocialHttpException(toErrorBody(answer));
    }
    return provider;
  }
}
