import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { showConsent } from '../consent/show-consent.js';
import { sendErrorPage } from '../core/html.js';
import { anyParam, queryParam, sendJson, withQuery } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { authorizeClient } from '../oauth2/authorize-client.js';
import { exchangeCode } from '../oauth2/code-exchange.js';

// foursquare's user tokens do not expire; a day keeps a long-running sandbox bounded.
const TOKEN_TTL_MS = 24 * 60 * 60_000;
const sendError = (res: Response, error: string) => sendJson(res, 400, { error });

/** foursquare's OAuth 2 endpoints (foursquare.com/oauth2/…). */
@Controller('foursquare/oauth2')
export class FoursquareOAuthController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get('authenticate')
  authenticate(@Req() req: Request, @Res() res: Response): void {
    const check = authorizeClient(this.ctx, 'foursquare', req);
    if (!check.ok) {
      return check.error === 'client_id'
        ? sendErrorPage(res, 400, 'invalid_client', 'Unknown client_id.')
        : sendErrorPage(
            res,
            400,
            'redirect_uri_mismatch',
            'The redirect_uri does not match the registered one.',
          );
    }
    const { client, redirectUri } = check;
    if (queryParam(req, 'response_type') !== 'code') {
      return sendErrorPage(res, 400, 'unsupported_response_type', 'Use response_type=code.');
    }
    const state = queryParam(req, 'state');
    showConsent(this.ctx, res, {
      provider: 'foursquare',
      clientId: client.clientId,
      scopes: [],
      complete: (identity) =>
        identity
          ? withQuery(redirectUri, {
              code: this.ctx.grants.issueCode({
                provider: 'foursquare',
                clientId: client.clientId,
                redirectUri,
                identityKey: identity.key,
                scopes: [],
              }),
              state,
            })
          : withQuery(redirectUri, { error: 'access_denied', state }),
    });
  }

  @Get('access_token')
  getToken(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.token(req, res);
  }

  @Post('access_token')
  postToken(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.token(req, res);
  }

  private async token(req: Request, res: Response): Promise<void> {
    const fault = await this.ctx.faults.enter(res, 'foursquare', 'token', {
      invalid_grant: (r) => sendError(r, 'invalid_grant'),
      no_access_token: (r) => sendJson(r, 200, {}),
    });
    if (fault.answered) return;
    const client = this.ctx.clients.authenticate(
      'foursquare',
      anyParam(req, 'client_id'),
      anyParam(req, 'client_secret'),
    );
    if (!client) return sendError(res, 'invalid_client');
    if (anyParam(req, 'grant_type') !== 'authorization_code') {
      return sendError(res, 'unsupported_grant_type');
    }
    const exchange = exchangeCode(this.ctx.grants, 'foursquare', client, {
      code: anyParam(req, 'code'),
      redirectUri: anyParam(req, 'redirect_uri'),
      fault: fault.kind,
    });
    if (!exchange.ok) {
      return sendError(
        res,
        exchange.failure === 'redirect_mismatch' ? 'redirect_uri_mismatch' : 'invalid_grant',
      );
    }
    const accessToken = this.ctx.grants.issueAccessToken(
      {
        provider: 'foursquare',
        clientId: client.clientId,
        identityKey: exchange.grant.identityKey,
        scopes: [],
        grantId: exchange.grantId,
      },
      TOKEN_TTL_MS,
    );
    sendJson(res, 200, { access_token: accessToken });
  }
}
