import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Request } from 'express';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import type { SocialUsers } from '../social-users.js';
import { SocialSetupError } from '../social.exceptions.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';

/**
 * Finds the app's `SocialUsers` implementation: the instance the app registered as a provider
 * (anywhere, so it keeps its own dependencies), or else one the module creates. Resolved at
 * boot, once every module is initialised, so a class that is neither registered nor creatable
 * stops the app with the fix rather than failing its first sign-in.
 */
@Injectable()
export class SocialUsersRef implements OnApplicationBootstrap {
  private instance?: Promise<SocialUsers>;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.get();
  }

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
    const users = this.options.users;
    try {
      return this.moduleRef.get(users, { strict: false });
    } catch {
      // Not registered anywhere: the module makes one, which works only without dependencies.
    }
    try {
      return await this.moduleRef.create(users);
    } catch (error) {
      throw new SocialSetupError(
        `the users class ${users.name} is not registered as a provider, and SocialModule cannot create it (${(error as Error).message.split('\n')[0]}). ` +
          `Add ${users.name} to the providers of one of your modules (e.g. @Module({ providers: [${users.name}] }) in AppModule): SocialModule finds it there, with its dependencies`,
      );
    }
  }
}
