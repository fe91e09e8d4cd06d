import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { showConsent } from '../consent/show-consent.js';
import { sendErrorPage } from '../core/html.js';
import { anyParam, queryParam, sendJson, withQuery } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { authorizeClient, splitScopes } from '../oauth2/authorize-client.js';
import { exchangeCode } from '../oauth2/code-exchange.js';
import { exchangeForLongLived } from './facebook-token-exchange.js';
import {
  FACEBOOK_SHORT_TOKEN_TTL_S,
  isGraphVersion,
  sendCodeUsed,
  sendGraphError,
} from './facebook.graph.js';

/** Facebook Login: the OAuth dialog and the Graph token endpoint. */
@Controller('facebook')
export class FacebookOAuthController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get(':version/dialog/oauth')
  dialog(@Param('version') version: string, @Req() req: Request, @Res() res: Response): void {
    if (!isGraphVersion(version)) return sendErrorPage(res, 404, 'Page not found', 'Unknown page.');
    const check = authorizeClient(this.ctx, 'facebook', req);
    if (!check.ok) {
      return check.error === 'client_id'
        ? sendErrorPage(
            res,
            400,
            'Invalid App ID',
            'The provided app ID does not look like a valid app ID.',
          )
        : sendErrorPage(
            res,
            400,
            'URL blocked',
            "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.",
          );
    }
    const responseType = queryParam(req, 'response_type') ?? 'code';
    if (responseType !== 'code') {
      return sendErrorPage(
        res,
        400,
        'Error',
        `response_type ${responseType} is not supported here.`,
      );
    }
    const { client, redirectUri } = check;
    const state = queryParam(req, 'state');
    const scopes = splitScopes(queryParam(req, 'scope'));
    showConsent(this.ctx, res, {
      provider: 'facebook',
      clientId: client.clientId,
      scopes,
      // Facebook appends an empty-ish fragment (#_=_) to every redirect back to the app.
      complete: (identity) =>
        identity
          ? withQuery(
              redirectUri,
              {
                code: this.ctx.grants.issueCode({
                  provider: 'facebook',
                  clientId: client.clientId,
                  redirectUri,
                  identityKey: identity.key,
                  scopes: ['public_profile', ...scopes.filter((s) => s !== 'public_profile')],
                }),
                state,
              },
              '_=_',
            )
          : withQuery(
              redirectUri,
              {
                error: 'access_denied',
                error_code: '200',
                error_description: 'Permissions error',
                error_reason: 'user_denied',
                state,
              },
              '_=_',
            ),
    });
  }

  @Get(':version/oauth/access_token')
  getToken(@Param('version') version: string, @Req() req: Request, @Res() res: Response) {
    return this.token(version, req, res);
  }

  @Post(':version/oauth/access_token')
  postToken(@Param('version') version: string, @Req() req: Request, @Res() res: Response) {
    return this.token(version, req, res);
  }

  private async token(version: string, req: Request, res: Response): Promise<void> {
    const fault = await this.ctx.faults.enter(res, 'facebook', 'token', {
      invalid_grant: sendCodeUsed,
      no_access_token: (r) => sendJson(r, 200, {}),
    });
    if (fault.answered) return;
    if (!isGraphVersion(version)) {
      return sendGraphError(res, `Unknown path components: /${version}/oauth/access_token`, 2500);
    }
    const clientId = anyParam(req, 'client_id');
    if (!this.ctx.clients.find('facebook', clientId)) {
      return sendGraphError(res, 'Error validating application. Invalid application ID.', 101);
    }
    const client = this.ctx.clients.authenticate(
      'facebook',
      clientId,
      anyParam(req, 'client_secret'),
    );
    if (!client) return sendGraphError(res, 'Error validating client secret.', 1);
    if (anyParam(req, 'grant_type') === 'fb_exchange_token') {
      return exchangeForLongLived(this.ctx, client, anyParam(req, 'fb_exchange_token'), res);
    }
    const code = anyParam(req, 'code');
    if (!code) return sendGraphError(res, 'Missing authorization code', 1);
    const exchange = exchangeCode(this.ctx.grants, 'facebook', client, {
      code,
      redirectUri: anyParam(req, 'redirect_uri'),
      fault: fault.kind,
    });
    if (!exchange.ok) {
      switch (exchange.failure) {
        case 'replayed_code':
          return sendCodeUsed(res);
        case 'redirect_mismatch':
          return sendGraphError(
            res,
            'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
            100,
            { subcode: 36008 },
          );
        default:
          return sendGraphError(res, 'Invalid verification code format.', 100);
      }
    }
    const { grant, grantId } = exchange;
    const accessToken = this.ctx.grants.issueAccessToken(
      {
        provider: 'facebook',
        clientId: client.clientId,
        identityKey: grant.identityKey,
        scopes: grant.scopes,
        grantId,
      },
      FACEBOOK_SHORT_TOKEN_TTL_S * 1000,
      'EAA',
    );
    sendJson(res, 200, {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: FACEBOOK_SHORT_TOKEN_TTL_S,
    });
  }
}
