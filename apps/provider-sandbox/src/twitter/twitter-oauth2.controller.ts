import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { showConsent } from '../consent/show-consent.js';
import { sendErrorPage } from '../core/html.js';
import { bodyParam, queryParam, sendJson, withQuery } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { authorizeClient, errorRedirect, splitScopes } from '../oauth2/authorize-client.js';
import { exchangeCode } from '../oauth2/code-exchange.js';
import type { IssuedGrant } from '../oauth2/oauth2-grants.js';
import { pkceRequest } from '../oauth2/pkce-request.js';
import { authenticateTokenClient } from '../oauth2/token-client.js';
import type { SandboxClient, SandboxFaultKind } from '../sandbox.types.js';
import {
  refuseXClient,
  sendXInvalidCode,
  sendXInvalidToken,
  sendXOAuthError,
} from './twitter-oauth2.errors.js';
import { X_SCOPES, X_TOKEN_TTL_S } from './twitter-oauth2.scopes.js';

const CODE_REJECTIONS = {
  redirect_mismatch:
    'Value passed for the redirect uri did not match the uri of the authorization code.',
  verifier_missing: 'Missing required parameter [code_verifier].',
  verifier_mismatch: 'Value passed for the code verifier did not match the code challenge.',
} as const;

/**
 * X's OAuth 2.0 Authorization Code Flow with PKCE for a confidential client: authorize
 * (x.com/i/oauth2/authorize), token and revoke (api.x.com/2/oauth2/*), HTTP Basic client
 * authentication, refresh tokens with `offline.access` (rotated on each use).
 */
@Controller('twitter')
export class TwitterOAuth2Controller {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get('i/oauth2/authorize')
  authorize(@Req() req: Request, @Res() res: Response): void {
    const check = authorizeClient(this.ctx, 'twitter', req);
    if (!check.ok) {
      return sendErrorPage(
        res,
        400,
        'Something went wrong',
        "You weren't able to give access to the App. Go back and try logging in again.",
      );
    }
    const { client, redirectUri } = check;
    const state = queryParam(req, 'state');
    const fail = errorRedirect(res, redirectUri, state);
    if (queryParam(req, 'response_type') !== 'code') {
      return fail('unsupported_response_type', 'Only response_type=code is supported.');
    }
    if (!state) return fail('invalid_request', 'Missing required parameter [state].');
    const scopes = splitScopes(queryParam(req, 'scope'));
    const unknown = scopes.filter((scope) => !X_SCOPES.has(scope));
    if (scopes.length === 0 || unknown.length > 0) {
      return fail('invalid_scope', `Invalid scopes: ${unknown.join(' ') || '(none)'}`);
    }
    // X requires PKCE (S256 or plain); the sandbox takes S256 only (RFC 9700 §2.1.1).
    const pkce = pkceRequest(req, { required: true });
    if (!pkce.ok) return fail('invalid_request', pkce.description);
    showConsent(this.ctx, res, {
      provider: 'twitter',
      clientId: client.clientId,
      scopes,
      complete: (identity) => {
        if (!identity) return withQuery(redirectUri, { error: 'access_denied', state });
        const code = this.ctx.grants.issueCode({
          provider: 'twitter',
          clientId: client.clientId,
          redirectUri,
          identityKey: identity.key,
          scopes,
          codeChallenge: pkce.challenge,
          offline: scopes.includes('offline.access'),
        });
        return withQuery(redirectUri, { state, code });
      },
    });
  }

  @Post('2/oauth2/token')
  async token(@Req() req: Request, @Res() res: Response): Promise<void> {
    const fault = await this.ctx.faults.enter(res, 'twitter', 'token', {
      invalid_grant: sendXInvalidCode,
      no_access_token: (r) => sendJson(r, 200, {}),
    });
    if (fault.answered) return;
    const client = this.client(req, res);
    if (!client) return;
    const grantType = bodyParam(req, 'grant_type');
    if (grantType === 'authorization_code') return this.redeemCode(req, res, client, fault.kind);
    if (grantType === 'refresh_token') return this.refresh(req, res, client);
    sendXOAuthError(res, 400, 'invalid_request', 'Value passed for the grant type was invalid.');
  }

  /** RFC 7009 as X answers it: `{ "revoked": true }`. */
  @Post('2/oauth2/revoke')
  async revoke(@Req() req: Request, @Res() res: Response): Promise<void> {
    if ((await this.ctx.faults.enter(res, 'twitter', 'revoke')).answered) return;
    const client = this.client(req, res);
    if (!client) return;
    const token = bodyParam(req, 'token');
    const grant =
      this.ctx.grants.findAccessToken('twitter', token) ??
      this.ctx.grants.findRefreshToken('twitter', token);
    if (grant?.clientId === client.clientId) this.ctx.grants.revokeGrant(grant.grantId);
    sendJson(res, 200, { revoked: true });
  }

  private client(req: Request, res: Response): SandboxClient | undefined {
    return authenticateTokenClient(this.ctx, 'twitter', req, res, {
      basicOnly: true,
      refuse: refuseXClient,
    });
  }

  private redeemCode(
    req: Request,
    res: Response,
    client: SandboxClient,
    fault?: SandboxFaultKind,
  ): void {
    const exchange = exchangeCode(this.ctx.grants, 'twitter', client, {
      code: bodyParam(req, 'code'),
      redirectUri: bodyParam(req, 'redirect_uri'),
      codeVerifier: bodyParam(req, 'code_verifier'),
      fault,
    });
    if (!exchange.ok) {
      const description = CODE_REJECTIONS[exchange.failure as keyof typeof CODE_REJECTIONS];
      return description
        ? sendXOAuthError(res, 400, 'invalid_request', description)
        : sendXInvalidCode(res);
    }
    this.sendTokens(res, this.ctx.grants.tokenGrantOf(exchange), exchange.grant.offline === true);
  }

  /** X rotates refresh tokens: each one works once. */
  private refresh(req: Request, res: Response, client: SandboxClient): void {
    const token = bodyParam(req, 'refresh_token');
    const grant = this.ctx.grants.findRefreshToken('twitter', token);
    if (!grant || grant.clientId !== client.clientId) return sendXInvalidToken(res);
    this.ctx.grants.revokeGrant(grant.grantId);
    this.sendTokens(res, grant, true);
  }

  private sendTokens(res: Response, grant: IssuedGrant, offline: boolean): void {
    const accessToken = this.ctx.grants.issueAccessToken(grant, X_TOKEN_TTL_S * 1000);
    const refreshToken = offline ? this.ctx.grants.issueRefreshToken(grant) : undefined;
    sendJson(res, 200, {
      token_type: 'bearer',
      expires_in: X_TOKEN_TTL_S,
      access_token: accessToken,
      scope: grant.scopes.join(' '),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    });
  }
}
