// The module as a host app uses it beyond its own routes: a provider's guard on the app's own
// controller, and the app's own @OnEvent listeners.
import { Controller, Get, Injectable, Post, Req, Res, UseGuards } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { Request, Response } from 'express';
import {
  type ConnectionCreatedEvent,
  type ConnectionFailedEvent,
  type ConnectionRemovedEvent,
  type ConnectionUpdatedEvent,
  type LoginCompletedEvent,
  type LoginFailedEvent,
  SocialAuth,
  SocialAuthGuard,
  type SocialAuthOutcome,
  type SocialCallbackOutcome,
  SocialEvent,
  SocialService,
} from 'nestjs-social';
import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_IDENTITIES } from '../apps/provider-sandbox/src/index.js';
import { TestBrowser } from './support/browser.js';
import { answerConsent } from './support/consent.js';
import { Flows, pageState } from './support/flows.js';
import { useSandboxApp } from './support/sandbox-app.js';

/** The app's own Google guard: the provider comes back to the app's route, not the module's. */
@Injectable()
class AccountGoogleGuard extends SocialAuthGuard('google') {
  protected override getCallbackURL(): string {
    return `${this.social.appUrl}/account/google`;
  }
}

@Controller('account/google')
@UseGuards(AccountGoogleGuard)
class AccountGoogleController {
  constructor(private readonly social: SocialService) {}

  @Post()
  start(@SocialAuth() auth: SocialAuthOutcome, @Res() res: Response) {
    if (auth.kind !== 'redirect') return res.status(502).json(auth);
    res.redirect(auth.url);
  }

  @Get()
  async callback(@Req() req: Request, @SocialAuth() auth: SocialCallbackOutcome) {
    const outcome = await this.social.google.completeLogin(req, auth);
    return outcome.kind === 'logged_in'
      ? { loggedIn: outcome.userId, next: outcome.next }
      : { refused: outcome.reason };
  }
}

/** What a host app's listener receives, in order. */
@Injectable()
class HostListener {
  readonly received: { name: string; payload: unknown }[] = [];

  @OnEvent(SocialEvent.ConnectionCreated)
  created(event: ConnectionCreatedEvent) {
    this.received.push({ name: 'connection.created', payload: event });
  }

  @OnEvent(SocialEvent.ConnectionUpdated)
  updated(event: ConnectionUpdatedEvent) {
    this.received.push({ name: 'connection.updated', payload: event });
  }

  @OnEvent(SocialEvent.ConnectionFailed)
  failed(event: ConnectionFailedEvent) {
    this.received.push({ name: 'connection.failed', payload: event });
  }

  @OnEvent(SocialEvent.ConnectionRemoved)
  removed(event: ConnectionRemovedEvent) {
    this.received.push({ name: 'connection.removed', payload: event });
  }

  @OnEvent(SocialEvent.LoginCompleted)
  loggedIn(event: LoginCompletedEvent) {
    this.received.push({ name: 'login.completed', payload: event });
  }

  @OnEvent(SocialEvent.LoginFailed)
  loginFailed(event: LoginFailedEvent) {
    this.received.push({ name: 'login.failed', payload: event });
  }
}

const env = useSandboxApp({
  providers: ['google', 'twitter'],
  host: { controllers: [AccountGoogleController], providers: [HostListener] },
  extraRedirectPaths: ['/account/google'],
});
const alice = SANDBOX_IDENTITIES.google.find((i) => i.key === 'alice')!;
const U1 = { id: 'u1', name: 'User One' };

describe('SocialAuthGuard on a route of the host app', () => {
  it('completes a Google login through the app route: redirect_uri is the app route, the user is logged in', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    await flows.logOut();

    const start = await flows.browser.post(flows.url('/account/google'), {}, { follow: false });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${env.app.url}/account/google`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

    const consent = await flows.browser.get(authorize.toString());
    const answer = await answerConsent(flows.browser, consent, 'allow', 'alice');
    expect(JSON.parse(answer.text)).toEqual({ loggedIn: 'u1', next: '/after-login' });
    expect(await flows.me()).toBe('u1');
    expect(env.app.events.names()).toContain('login.completed');
  });

  it('answers a forged callback on the app route with the typed outcome, never a bare 401', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    const page = await flows.browser.get(flows.url('/account/google?code=c&state=forged'));
    expect(page.status).toBe(200);
    expect(JSON.parse(page.text)).toEqual({ refused: 'state_invalid' });
    expect(env.sandbox.calls('google', 'token')).toBe(0);
  });

  it('refuses a login start by a logged-in user with the module error body (409)', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    const page = await flows.browser.post(flows.url('/account/google'), {}, { follow: false });
    expect(page.status).toBe(409);
    expect(JSON.parse(page.text)).toEqual({
      statusCode: 409,
      ok: false,
      code: 'ALREADY_AUTHENTICATED',
      message: 'You are already logged in',
      redirect: '/after-login',
    });
  });
});

describe("the host app's @OnEvent listeners", () => {
  let listener: HostListener;

  beforeEach(() => {
    listener = env.app.app.get(HostListener);
    listener.received.length = 0;
  });

  it('receive each of the six events with its payload', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    expect(pageState(await flows.connect('allow', 'alice')).path).toBe('/connected');
    await flows.connect('allow', 'alice');
    await flows.logOut();
    await flows.login('allow', 'alice');
    await flows.logOut();
    await flows.login('allow', 'bob');
    await flows.logInAs('u1');
    await flows.browser.post(flows.url('/connect/google'), { _method: 'DELETE' });

    const connection = expect.objectContaining({
      providerId: 'google',
      providerUserId: alice.id,
      userId: 'u1',
    });
    expect(listener.received).toEqual([
      { name: 'connection.created', payload: { user: U1, connection } },
      { name: 'connection.updated', payload: { user: U1, connection } },
      {
        name: 'connection.failed',
        payload: { user: U1, providerId: 'google', reason: 'already_connected' },
      },
      { name: 'connection.updated', payload: { user: U1, connection } },
      { name: 'login.completed', payload: { providerId: 'google', user: U1 } },
      {
        name: 'login.failed',
        payload: expect.objectContaining({ providerId: 'google', reason: 'no_connection' }),
      },
      {
        name: 'connection.removed',
        payload: {
          user: U1,
          providerId: 'google',
          providerUserId: undefined,
          reason: 'disconnected',
          revoked: true,
          connections: [
            { connectionId: expect.any(String), providerUserId: alice.id, revoked: true },
          ],
        },
      },
    ]);
    const failed = listener.received[5]!.payload as LoginFailedEvent;
    expect(failed.profile?.providerUserId).toBe(
      SANDBOX_IDENTITIES.google.find((i) => i.key === 'bob')!.id,
    );
    // Payloads never carry tokens.
    expect(JSON.stringify(listener.received)).not.toMatch(/accessToken|refreshToken|secret/);
  });
});
