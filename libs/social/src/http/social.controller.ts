import {
  Body,
  Controller,
  Delete,
  Get,
  MethodNotAllowedException,
  Param,
  Post,
  Req,
  Res,
  type Type,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { toPublicConnection } from '../connections/connection-values.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import { ConnectFlow } from '../flows/connect.flow.js';
import { DisconnectFlow } from '../flows/disconnect.flow.js';
import { LoginFlow } from '../flows/login.flow.js';
import { SocialUsersRef } from '../flows/social-users.ref.js';
import type { SocialAuthOutcome, SocialCallbackOutcome } from '../oauth/social-auth-outcome.js';
import type { ProviderRuntime } from '../providers/provider-strategies.js';
import { callbackOf, type SocialFlow } from '../social.types.js';
import { AuditContextInterceptor } from './audit-context.interceptor.js';
import { NextUrl } from './next-url.js';
import { ProviderCallbacks } from './provider-callbacks.js';
import { sendDeletionStatus } from './data-deletion.page.js';
import { type SocialAnswer, SocialAnswers } from './social-answers.js';
import { SocialExceptionFilter } from './social-exception.filter.js';
import { isDeleteOverride, SocialRouteGuard } from './social-route.guard.js';
import {
  CurrentProvider,
  ProviderInitiated,
  SocialAuth,
  SocialRoundTrip,
} from './social.decorators.js';
import { SocialResponder } from './social.responder.js';

type FormBody = { next?: unknown; _method?: unknown } | undefined;
type SignedRequestBody = { signed_request?: unknown } | undefined;

/** What provider account ids look like (digits for the built-in four; letters and a few marks elsewhere). */
const PROVIDER_USER_ID = /^[A-Za-z0-9._:@|-]{1,255}$/;

/**
 * The module's routes (DESIGN §3), under `urlPrefix`: provider logins, connects, reconnects and
 * disconnects, and the user's connections. `SocialRouteGuard` resolves `:provider` and runs that
 * provider's `SocialAuthGuard`; the flows decide; `SocialAnswers` and the responder answer.
 *
 * Extend it to change what the protected hooks do (which user is current, how an answer is
 * written) and pass your class as the `controller` extra.
 *
 * @publicApi
 */
@UseGuards(SocialRouteGuard)
@UseFilters(SocialExceptionFilter)
@UseInterceptors(AuditContextInterceptor)
export class SocialController {
  constructor(
    protected readonly login: LoginFlow,
    protected readonly connect: ConnectFlow,
    protected readonly disconnect: DisconnectFlow,
    protected readonly users: SocialUsersRef,
    protected readonly connections: ConnectionRepository,
    protected readonly answers: SocialAnswers,
    protected readonly nextUrl: NextUrl,
    protected readonly responder: SocialResponder,
    protected readonly providerCallbacks: ProviderCallbacks,
  ) {}

  /** The logged-in user's connections (no tokens). */
  @Get('connections')
  async list(@Req() req: Request, @Res() res: Response) {
    const userId = await this.currentUserId(req);
    if (!userId) return this.respond(req, res, this.answers.loginRequired(req.originalUrl));
    const connections = await this.connections.findConnections(userId);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ connections: connections.map(toPublicConnection) });
  }

  @Post('login/:provider')
  @SocialRoundTrip('login')
  startLogin(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentProvider() provider: ProviderRuntime,
    @SocialAuth() auth: SocialAuthOutcome,
  ) {
    return this.start(req, res, provider, 'login', auth);
  }

  @Get('login/:provider')
  @SocialRoundTrip('login')
  async loginCallback(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentProvider() provider: ProviderRuntime,
    @SocialAuth() auth: SocialCallbackOutcome,
  ) {
    const outcome = await this.login.complete(req, provider.config.id, auth);
    return this.respond(req, res, this.answers.login(outcome, provider.config.name));
  }

  @Post('connect/:provider')
  @SocialRoundTrip('connect')
  startConnect(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentProvider() provider: ProviderRuntime,
    @SocialAuth() auth: SocialAuthOutcome,
    @Body() body: FormBody,
  ) {
    if (isDeleteOverride(req)) return this.removeAll(req, res, provider, body);
    return this.start(req, res, provider, 'connect', auth);
  }

  @Post('reconnect/:provider')
  @SocialRoundTrip('reconnect')
  startReconnect(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentProvider() provider: ProviderRuntime,
    @SocialAuth() auth: SocialAuthOutcome,
  ) {
    return this.start(req, res, provider, 'reconnect', auth);
  }

  /** The provider's callback of a connect or a reconnect; the guard has checked there is a user. */
  @Get('connect/:provider')
  @SocialRoundTrip('connect')
  async connectCallback(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentProvider() provider: ProviderRuntime,
    @SocialAuth() auth: SocialCallbackOutcome,
  ) {
    const userId = (await this.currentUserId(req))!;
    const outcome = await this.connect.complete(provider.config.id, userId, auth);
    return this.respond(req, res, this.answers.connect(outcome, provider.config.name));
  }

  @Delete('connect/:provider')
  async removeAll(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentProvider() provider: ProviderRuntime,
    @Body() body: FormBody,
  ) {
    const userId = await this.currentUserId(req);
    if (!userId) return this.respond(req, res, this.answers.loginRequired());
    const outcome = await this.disconnect.removeAll(provider, userId);
    const next = this.nextUrl.afterDisconnect(body?.next);
    return this.respond(req, res, this.answers.disconnect(outcome, provider.config.name, next));
  }

  @Delete('connect/:provider/:providerUserId')
  async removeOne(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentProvider() provider: ProviderRuntime,
    @Param('providerUserId') providerUserId: string,
    @Body() body: FormBody,
  ) {
    const userId = await this.currentUserId(req);
    if (!userId) return this.respond(req, res, this.answers.loginRequired());
    const name = provider.config.name;
    if (!PROVIDER_USER_ID.test(providerUserId)) {
      const redirect = this.nextUrl.afterDisconnect(undefined);
      return this.respond(req, res, this.answers.answer('bad_parameter', name, redirect));
    }
    const outcome = await this.disconnect.removeOne(provider, userId, providerUserId);
    const next = this.nextUrl.afterDisconnect(body?.next);
    return this.respond(req, res, this.answers.disconnect(outcome, name, next));
  }

  /** HTML forms cannot send DELETE: `POST` with `_method=DELETE` stands in for it. */
  @Post('connect/:provider/:providerUserId')
  removeOneFromForm(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentProvider() provider: ProviderRuntime,
    @Param('providerUserId') providerUserId: string,
    @Body() body: FormBody,
  ) {
    if (!isDeleteOverride(req)) {
      throw new MethodNotAllowedException('Use DELETE, or POST with _method=DELETE');
    }
    return this.removeOne(req, res, provider, providerUserId, body);
  }

  /** Facebook's "Deauthorize callback URL": the user removed the app; 400 for a bad signed_request. */
  @Post('deauthorize/:provider')
  @ProviderInitiated()
  async deauthorizeCallback(
    @Res() res: Response,
    @CurrentProvider() provider: ProviderRuntime,
    @Body() body: SignedRequestBody,
  ) {
    const answer = await this.providerCallbacks.deauthorize(provider, body?.signed_request);
    res.setHeader('Cache-Control', 'no-store');
    // 200, as Facebook expects of both callbacks (a POST route would answer 201).
    res.status(200).json(answer);
  }

  /** Facebook's "Data deletion request URL": answers `{ url, confirmation_code }`. */
  @Post('data-deletion/:provider')
  @ProviderInitiated()
  async dataDeletionCallback(
    @Res() res: Response,
    @CurrentProvider() provider: ProviderRuntime,
    @Body() body: SignedRequestBody,
  ) {
    const answer = await this.providerCallbacks.dataDeletion(provider, body?.signed_request);
    res.setHeader('Cache-Control', 'no-store');
    // 200, as Facebook expects of both callbacks (a POST route would answer 201).
    res.status(200).json(answer);
  }

  /** The status page of a data-deletion request, by its confirmation code. */
  @Get('data-deletion/:provider/:code')
  async dataDeletionStatus(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentProvider() provider: ProviderRuntime,
    @Param('code') code: string,
  ) {
    sendDeletionStatus(req, res, await this.providerCallbacks.deletionStatus(provider, code));
  }

  /** Which user is current: the app's `SocialUsers.currentUserId`. */
  protected currentUserId(req: Request): Promise<string | null> {
    return this.users.currentUserId(req);
  }

  /** Writes an answer: a redirect with a flash message for browsers, JSON for API clients. */
  protected respond(req: Request, res: Response, answer: SocialAnswer): Promise<void> {
    return this.responder.send(req, res, answer);
  }

  private async start(
    req: Request,
    res: Response,
    provider: ProviderRuntime,
    flow: SocialFlow,
    auth: SocialAuthOutcome,
  ) {
    if (auth.kind === 'redirect') return this.responder.toProvider(req, res, auth.url);
    const reason = auth.kind === 'failed' ? auth.reason : 'invalid_callback';
    return this.respond(
      req,
      res,
      this.answers.startFailed(reason, provider.config.name, callbackOf(flow)),
    );
  }
}

/**
 * The controller the module registers: `base` (the `controller` extra, or `SocialController`)
 * under the `urlPrefix` path, a sync option since Nest reads a controller's path when the class
 * is declared.
 */
export function socialControllerFor(
  urlPrefix: string,
  base: Type<SocialController> = SocialController,
): Type<SocialController> {
  @Controller(urlPrefix)
  class PrefixedSocialController extends base {}
  return PrefixedSocialController;
}
