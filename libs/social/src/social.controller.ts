import {
  Body,
  Controller,
  Delete,
  Get,
  Inject,
  MethodNotAllowedException,
  Param,
  Post,
  Req,
  Res,
  type Type,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { toPublicConnection } from './connections/connection-values.js';
import { ConnectionRepository } from './connections/connection.repository.js';
import { SocialResponder } from './http/social.responder.js';
import type { SocialFlow } from './providers/provider-definition.interface.js';
import { SocialErrorCode } from './social.errors.js';
import { SocialFlowService } from './social-flow.service.js';
import type { ResolvedSocialOptions } from './social-options.resolver.js';
import { PROVIDER_RUNTIME, SocialProviderGuard } from './social-provider.guard.js';
import { SocialUnavailableFilter } from './social-unavailable.filter.js';
import { SocialUsersRef } from './social-users.ref.js';
import { RESOLVED_SOCIAL_OPTIONS } from './social.internal-constants.js';
import { SocialMessages } from './social.messages.js';
import { SocialOAuthService } from './strategy/social-oauth.service.js';
import { callbackOf } from './security/pending-flows.js';
import type { ProviderRuntime } from './strategy/provider-runtimes.js';

type FormBody = { next?: unknown; _method?: unknown } | undefined;

/** What provider account ids look like (digits for the built-in four; letters and a few marks elsewhere). */
const PROVIDER_USER_ID = /^[A-Za-z0-9._:@|-]{1,255}$/;

/**
 * Builds the module's one controller under `urlPrefix` (a sync option, since Nest reads a
 * controller's path when the class is declared).
 */
export function createSocialController(urlPrefix: string): Type<unknown> {
  @Controller(urlPrefix)
  @UseGuards(SocialProviderGuard)
  @UseFilters(SocialUnavailableFilter)
  class SocialController {
    constructor(
      @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
      private readonly oauth: SocialOAuthService,
      private readonly flows: SocialFlowService,
      private readonly users: SocialUsersRef,
      private readonly connections: ConnectionRepository,
      private readonly responder: SocialResponder,
    ) {}

    /** The logged-in user's connections (no tokens). */
    @Get('connections')
    async list(@Req() req: any, @Res() res: any) {
      const userId = await this.currentUserId(req);
      if (!userId) return this.responder.send(req, res, this.flows.loginRequired(req.originalUrl));
      const connections = await this.connections.findConnections(userId);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ connections: connections.map(toPublicConnection) });
    }

    @Post('login/:provider')
    async startLogin(@Req() req: any, @Res() res: any, @Body() body: FormBody) {
      if (await this.currentUserId(req)) {
        // Flask-Security's anonymous_user_required: a logged-in user goes to the post-login page.
        return this.responder.send(req, res, {
          status: 409,
          code: SocialErrorCode.AlreadyAuthenticated,
          redirect: this.options.loginRedirect,
        });
      }
      return this.start(req, res, 'login', null, body?.next);
    }

    @Get('login/:provider')
    async loginCallback(@Req() req: any, @Res() res: any) {
      const runtime = this.runtime(req);
      const outcome = await this.oauth.complete(
        req,
        runtime,
        { flow: 'login', userId: null },
        this.callbackURL('login', runtime),
      );
      return this.responder.send(req, res, await this.flows.completeLogin(req, runtime, outcome));
    }

    @Post('connect/:provider')
    async startConnect(@Req() req: any, @Res() res: any, @Body() body: FormBody) {
      if (isDeleteOverride(body)) return this.removeAll(req, res, body);
      return this.startAuthenticated(req, res, 'connect', body?.next);
    }

    @Post('reconnect/:provider')
    async startReconnect(@Req() req: any, @Res() res: any, @Body() body: FormBody) {
      return this.startAuthenticated(req, res, 'reconnect', body?.next);
    }

    @Get('connect/:provider')
    async connectCallback(@Req() req: any, @Res() res: any) {
      const runtime = this.runtime(req);
      const userId = await this.currentUserId(req);
      // Flask-Social's connect callback had no login check and stored connections with user_id=None.
      if (!userId) {
        this.oauth.spend(req, runtime);
        return this.responder.send(req, res, this.flows.loginRequired(''));
      }
      const outcome = await this.oauth.complete(
        req,
        runtime,
        { flow: 'connect', userId },
        this.callbackURL('connect', runtime),
      );
      return this.responder.send(
        req,
        res,
        await this.flows.completeConnect(req, runtime, userId, outcome),
      );
    }

    @Delete('connect/:provider')
    async removeAll(@Req() req: any, @Res() res: any, @Body() body: FormBody) {
      const userId = await this.currentUserId(req);
      if (!userId) return this.responder.send(req, res, this.flows.loginRequired(''));
      return this.responder.send(
        req,
        res,
        await this.flows.removeAll(this.runtime(req), userId, body?.next),
      );
    }

    @Delete('connect/:provider/:providerUserId')
    async removeOne(
      @Req() req: any,
      @Res() res: any,
      @Param('providerUserId') providerUserId: string,
      @Body() body: FormBody,
    ) {
      const userId = await this.currentUserId(req);
      if (!userId) return this.responder.send(req, res, this.flows.loginRequired(''));
      if (!PROVIDER_USER_ID.test(providerUserId)) {
        return this.responder.send(req, res, {
          status: 400,
          code: SocialErrorCode.BadParameter,
          redirect: this.options.connectAllowRedirect,
          flash: {
            category: 'error',
            message: SocialMessages.removeFailed(this.runtime(req).config.name),
          },
        });
      }
      const result = await this.flows.removeOne(
        this.runtime(req),
        userId,
        providerUserId,
        body?.next,
      );
      return this.responder.send(req, res, result);
    }

    /** HTML forms cannot send DELETE: `POST` with `_method=DELETE` stands in for it. */
    @Post('connect/:provider/:providerUserId')
    async removeOneFromForm(
      @Req() req: any,
      @Res() res: any,
      @Param('providerUserId') providerUserId: string,
      @Body() body: FormBody,
    ) {
      if (!isDeleteOverride(body))
        throw new MethodNotAllowedException('Use DELETE, or POST with _method=DELETE');
      return this.removeOne(req, res, providerUserId, body);
    }

    private async startAuthenticated(req: any, res: any, flow: SocialFlow, next: unknown) {
      const userId = await this.currentUserId(req);
      if (!userId) return this.responder.send(req, res, this.flows.loginRequired(''));
      return this.start(req, res, flow, userId, next);
    }

    private async start(
      req: any,
      res: any,
      flow: SocialFlow,
      userId: string | null,
      next: unknown,
    ) {
      const runtime = this.runtime(req);
      this.flows.rememberNext(req, flow, next);
      const outcome = await this.oauth.start(
        req,
        runtime,
        { flow, userId },
        this.callbackURL(callbackOf(flow), runtime),
      );
      if (outcome.kind === 'failed') {
        return this.responder.send(req, res, this.flows.startFailed(req, runtime, flow, outcome));
      }
      return this.responder.toProvider(req, res, outcome.url);
    }

    private runtime(req: any): ProviderRuntime {
      return req[PROVIDER_RUNTIME];
    }

    private callbackURL(callback: 'login' | 'connect', runtime: ProviderRuntime) {
      return `${this.options.appUrl}${this.options.urlPrefix}/${callback}/${runtime.config.id}`;
    }

    private async currentUserId(req: any): Promise<string | null> {
      const id = await (await this.users.get()).currentUserId(req);
      return id === null || id === undefined || id === '' ? null : String(id);
    }
  }
  return SocialController;
}

function isDeleteOverride(body: FormBody): boolean {
  return typeof body?._method === 'string' && body._method.toUpperCase() === 'DELETE';
}
