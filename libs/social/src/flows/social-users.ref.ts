import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Request } from 'express';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import type { SocialUsers } from '../social-users.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';

/**
 * Finds the app's `SocialUsers` implementation: the instance the app registered as a provider
 * (anywhere, so it keeps its own dependencies), or else one the module creates. Resolved on
 * first use, once every module is initialised.
 */
@Injectable()
export class SocialUsersRef {
  private instance?: Promise<SocialUsers>;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
  ) {}

  get(): Promise<SocialUsers> {
    // A failed lookup is not kept: the next request tries again.
    this.instance ??= this.resolve().catch((error: unknown) => {
      this.instance = undefined;
      throw error;
    });
    return this.instance;
  }

  /** The id of the user logged in on this request, or null: the app's `currentUserId`, normalised. */
  async currentUserId(req: Request): Promise<string | null> {
    const id = await (await this.get()).currentUserId(req);
    return id === null || id === undefined || id === '' ? null : String(id);
  }

  private async resolve(): Promise<SocialUsers> {
    try {
      return this.moduleRef.get(this.options.users, { strict: false });
    } catch {
      return this.moduleRef.create(this.options.users);
    }
  }
}
