import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { showConsent } from '../consent/show-consent.js';
import { allowsRedirect } from '../core/client-registry.js';
import { sendErrorPage } from '../core/html.js';
import { queryParam, sendForm, withQuery } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { secureEqual } from '../core/secure-compare.js';
import { verifyClientRequest } from '../oauth1/verify-client-request.js';
import { findIdentity } from '../sandbox.identities.js';
import {
  sendCallbackNotApproved,
  sendCouldNotAuthenticate,
  sendInvalidToken,
  sendOAuth1Failure,
} from './twitter.errors.js';

// The no_access_token fault: a token response with only a secret.
const sendNoAccessToken = (res: Response) => sendForm(res, 200, { oauth_token_secret: 'x' });

/** Twitter's OAuth 1.0a endpoints: request token, authorize/authenticate, access token. */
@Controller('twitter/oauth')
export class TwitterOAuthController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Post('request_token')
  async requestToken(@Req() req: Request, @Res() res: Response): Promise<void> {
    const fault = await this.ctx.faults.enter(res, 'twitter', 'request_token', {
      invalid_grant: sendCouldNotAuthenticate,
      no_access_token: sendNoAccessToken,
    });
    if (fault.answered) return;
    const check = verifyClientRequest(this.ctx, 'twitter', req);
    if (!check.ok) return sendOAuth1Failure(res, check.failure);
    const client = this.ctx.clients.find('twitter', check.consumerKey)!;
    const callback = check.oauth.get('oauth_callback');
    // Exact match against the registered callbacks; 'oob' (PIN flow) is never registered.
    if (!allowsRedirect(client, callback)) {
      return sendCallbackNotApproved(res);
    }
    const record = this.ctx.twitter.issueRequestToken(client.clientId, callback);
    sendForm(res, 200, {
      oauth_token: record.token,
      oauth_token_secret: record.secret,
      // RFC 5849 §2.1 makes it mandatory; the fault lets tests see clients that fall back to 1.0.
      ...(fault.kind === 'no_callback_confirmed' ? {} : { oauth_callback_confirmed: 'true' }),
    });
  }

  @Get(['authenticate', 'authorize'])
  authorize(@Req() req: Request, @Res() res: Response): void {
    const record = this.ctx.twitter.findRequestToken(queryParam(req, 'oauth_token'));
    if (!record || record.verifier) {
      return sendErrorPage(
        res,
        400,
        'Whoa there!',
        'The request token for this page is invalid. It may have already been used, or expired because it is too old.',
      );
    }
    showConsent(this.ctx, res, {
      provider: 'twitter',
      clientId: record.consumerKey,
      scopes: [],
      complete: (identity) => {
        if (!identity) {
          // Twitter's denial: the callback with ?denied=<request token>, which is then void.
          this.ctx.twitter.deleteRequestToken(record.token);
          return withQuery(record.callback, { denied: record.token });
        }
        const verifier = this.ctx.twitter.authorize(record, identity.key);
        return withQuery(record.callback, { oauth_token: record.token, oauth_verifier: verifier });
      },
    });
  }

  @Post('access_token')
  async accessToken(@Req() req: Request, @Res() res: Response): Promise<void> {
    const fault = await this.ctx.faults.enter(res, 'twitter', 'token', {
      invalid_grant: sendInvalidToken,
      no_access_token: sendNoAccessToken,
    });
    if (fault.answered) return;
    const check = verifyClientRequest(this.ctx, 'twitter', req, (token) =>
      this.ctx.twitter.findRequestToken(token),
    );
    if (!check.ok) return sendOAuth1Failure(res, check.failure);
    const record = this.ctx.twitter.findRequestToken(check.token)!;
    // RFC 5849 §2.3: temporary credentials serve one exchange, successful or not.
    this.ctx.twitter.deleteRequestToken(record.token);
    const verifier = check.oauth.get('oauth_verifier');
    const identity = record.identityKey ? findIdentity('twitter', record.identityKey) : undefined;
    if (!identity || !record.verifier || !verifier || !secureEqual(verifier, record.verifier)) {
      return sendCouldNotAuthenticate(res);
    }
    const access = this.ctx.twitter.issueAccessToken(check.consumerKey, identity.id, identity.key);
    sendForm(res, 200, {
      oauth_token: access.token,
      oauth_token_secret: access.secret,
      user_id: identity.id,
      screen_name: identity.username ?? identity.key,
    });
  }
}
