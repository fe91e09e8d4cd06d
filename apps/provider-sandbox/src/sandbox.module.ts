import { Module, type DynamicModule } from '@nestjs/common';
import { ConsentController } from './consent/consent.controller.js';
import { AdminController } from './core/admin.controller.js';
import { AvatarController } from './core/avatar.controller.js';
import { SandboxContext } from './core/sandbox.context.js';
import { FacebookDebugTokenController } from './facebook/facebook-debug-token.controller.js';
import { FacebookGraphController } from './facebook/facebook-graph.controller.js';
import { FacebookOAuthController } from './facebook/facebook-oauth.controller.js';
import { FoursquareApiController } from './foursquare/foursquare-api.controller.js';
import { FoursquareOAuthController } from './foursquare/foursquare-oauth.controller.js';
import { GoogleApiController } from './google/google-api.controller.js';
import { GoogleOAuthController } from './google/google-oauth.controller.js';
import { GoogleTokenController } from './google/google-token.controller.js';
import { GithubApiController } from './github/github-api.controller.js';
import { GithubOAuthController } from './github/github-oauth.controller.js';
import { OidcOAuthController } from './oidc/oidc-oauth.controller.js';
import { OidcTokenController } from './oidc/oidc-token.controller.js';
import { OidcUserinfoController } from './oidc/oidc-userinfo.controller.js';
import { TwitterApiController } from './twitter/twitter-api.controller.js';
import { TwitterOAuth2Controller } from './twitter/twitter-oauth2.controller.js';
import { TwitterUsersV2Controller } from './twitter/twitter-users-v2.controller.js';
import { TwitterOAuthController } from './twitter/twitter-oauth.controller.js';

/** The sandbox application: every provider's controllers around one {@link SandboxContext}. */
@Module({})
export class SandboxModule {
  static register(ctx: SandboxContext): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [
        TwitterOAuthController,
        TwitterApiController,
        TwitterOAuth2Controller,
        TwitterUsersV2Controller,
        FacebookOAuthController,
        FacebookGraphController,
        GoogleOAuthController,
        GoogleTokenController,
        GoogleApiController,
        FoursquareOAuthController,
        FoursquareApiController,
        OidcOAuthController,
        GithubOAuthController,
        GithubApiController,
        OidcTokenController,
        OidcUserinfoController,
        ConsentController,
        AdminController,
        AvatarController,
        // issue 11: token lifetime
        FacebookDebugTokenController,
      ],
      providers: [{ provide: SandboxContext, useValue: ctx }],
    };
  }
}
