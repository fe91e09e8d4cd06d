import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { bodyParam, sendJson } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { exchangeCode } from '../oauth2/code-exchange.js';
import type { IssuedGrant } from '../oauth2/oauth2-grants.js';
import { findIdentity } from '../sandbox.identities.js';
import { authenticateTokenClient } from '../oauth2/token-client.js';
import type { SandboxClient, SandboxFaultKind } from '../sandbox.types.js';
import { sendInvalidGrant, sendOAuthError } from './google.errors.js';
import { googleIdToken } from './google.id-token.js';
import { googlePicture } from './google.userinfo.js';

/** Google access tokens live one hour (expires_in 3599). */
export const GOOGLE_TOKEN_TTL_S = 3599;

/** Google's token endpoint (oauth2.googleapis.com/token). */
@Controller('google')
export class GoogleTokenController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Post(['token', 'oauth2/v4/token'])
  async token(@Req() req: Request, @Res() res: Response): Promise<void> {
    const fault = await this.ctx.faults.enter(res, 'google', 'token', {
      invalid_grant: (r) => sendInvalidGrant(r),
      no_access_token: (r) => sendJson(r, 200, {}),
    });
    if (fault.answered) return;
    const client = authenticateTokenClient(this.ctx, 'google', req, res);
    if (!client) return;
    const grantType = bodyParam(req, 'grant_type');
    if (grantType === 'authorization_code') return this.redeemCode(req, res, client, fault.kind);
    if (grantType === 'refresh_token') return this.refresh(req, res, client, fault.kind);
    sendOAuthError(res, 400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  }

  private redeemCode(
    req: Request,
    res: Response,
    client: SandboxClient,
    fault?: SandboxFaultKind,
  ): void {
    const exchange = exchangeCode(this.ctx.grants, 'google', client, {
      code: bodyParam(req, 'code'),
      redirectUri: bodyParam(req, 'redirect_uri'),
      codeVerifier: bodyParam(req, 'code_verifier'),
      fault,
    });
    if (!exchange.ok) {
      switch (exchange.failure) {
        case 'redirect_mismatch':
          return sendOAuthError(res, 400, 'redirect_uri_mismatch', 'Bad Request');
        case 'verifier_missing':
          return sendInvalidGrant(res, 'Missing code verifier.');
        case 'verifier_mismatch':
          return sendInvalidGrant(res, 'Invalid code verifier.');
        case 'verifier_unexpected':
          return sendInvalidGrant(
            res,
            'code_verifier sent but the authorization had no code_challenge.',
          );
        default:
          return sendInvalidGrant(res);
      }
    }
    const { grant } = exchange;
    const tokenGrant = this.ctx.grants.tokenGrantOf(exchange);
    const refreshToken = grant.offline
      ? this.ctx.grants.issueRefreshToken(tokenGrant, '1//')
      : undefined;
    this.sendTokens(res, client, tokenGrant, { nonce: grant.nonce, refreshToken, fault });
  }

  private refresh(
    req: Request,
    res: Response,
    client: SandboxClient,
    fault?: SandboxFaultKind,
  ): void {
    const used = this.ctx.grants.useRefreshToken('google', bodyParam(req, 'refresh_token'), '1//');
    if (!used || used.grant.clientId !== client.clientId) {
      return sendInvalidGrant(res, 'Token has been expired or revoked.');
    }
    this.sendTokens(res, client, used.grant, { fault, refreshToken: used.refreshToken });
  }

  private sendTokens(
    res: Response,
    client: SandboxClient,
    grant: IssuedGrant,
    {
      nonce,
      refreshToken,
      fault,
    }: { nonce?: string; refreshToken?: string; fault?: SandboxFaultKind },
  ): void {
    const identity = findIdentity('google', grant.identityKey)!;
    const accessToken = this.ctx.grants.issueAccessToken(grant, GOOGLE_TOKEN_TTL_S * 1000, 'ya29.');
    const idToken = googleIdToken(
      this.ctx.keys.google,
      {
        issuer: `${this.ctx.url}/google`,
        clientId: client.clientId,
        identity,
        scopes: grant.scopes,
        accessToken,
        picture: googlePicture(identity, this.ctx.url),
        nonce,
        lifetimeS: GOOGLE_TOKEN_TTL_S,
      },
      fault,
    );
    res.setHeader('Pragma', 'no-cache');
    sendJson(res, 200, {
      access_token: accessToken,
      expires_in: GOOGLE_TOKEN_TTL_S,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
      ...(idToken ? { id_token: idToken } : {}),
    });
  }
}
