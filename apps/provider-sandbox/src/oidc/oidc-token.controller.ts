import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { bodyParam, sendJson } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { sendInvalidGrant, sendOAuthError } from '../google/google.errors.js';
import { exchangeCode } from '../oauth2/code-exchange.js';
import type { IssuedGrant } from '../oauth2/oauth2-grants.js';
import { authenticateTokenClient } from '../oauth2/token-client.js';
import { findIdentity } from '../sandbox.identities.js';
import type { SandboxClient, SandboxFaultKind } from '../sandbox.types.js';
import { mintIdToken } from './id-token.js';
import { oidcClaims } from './oidc.claims.js';
import { OIDC_PATH } from './oidc.metadata.js';

/** Access and ID tokens live an hour. */
export const OIDC_TOKEN_TTL_S = 3600;

/** The issuer's token endpoint: authorization code (PKCE) and refresh token grants, with ID tokens. */
@Controller(OIDC_PATH)
export class OidcTokenController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Post('protocol/openid-connect/token')
  async token(@Req() req: Request, @Res() res: Response): Promise<void> {
    const fault = await this.ctx.faults.enter(res, 'oidc', 'token', {
      invalid_grant: (r) => sendInvalidGrant(r, 'Code not valid'),
      no_access_token: (r) => sendJson(r, 200, {}),
    });
    if (fault.answered) return;
    const client = authenticateTokenClient(this.ctx, 'oidc', req, res);
    if (!client) return;
    const grantType = bodyParam(req, 'grant_type');
    if (grantType === 'authorization_code') return this.redeemCode(req, res, client, fault.kind);
    if (grantType === 'refresh_token') return this.refresh(req, res, client, fault.kind);
    sendOAuthError(
      res,
      400,
      'unsupported_grant_type',
      `Unsupported grant_type: ${grantType ?? ''}`,
    );
  }

  private redeemCode(req: Request, res: Response, client: SandboxClient, fault?: SandboxFaultKind) {
    const exchange = exchangeCode(this.ctx.grants, 'oidc', client, {
      code: bodyParam(req, 'code'),
      redirectUri: bodyParam(req, 'redirect_uri'),
      codeVerifier: bodyParam(req, 'code_verifier'),
      fault,
    });
    if (!exchange.ok) {
      return exchange.failure === 'redirect_mismatch'
        ? sendInvalidGrant(res, 'Incorrect redirect_uri')
        : sendInvalidGrant(
            res,
            exchange.failure.startsWith('verifier') ? 'PKCE verification failed' : 'Code not valid',
          );
    }
    const { grant } = exchange;
    const tokenGrant = this.ctx.grants.tokenGrantOf(exchange);
    const refreshToken = grant.offline
      ? this.ctx.grants.issueRefreshToken(tokenGrant, 'rt.')
      : undefined;
    this.sendTokens(res, tokenGrant, { nonce: grant.nonce, refreshToken, fault });
  }

  /** OIDC Core §12.2: a new access token and ID token (no nonce); the refresh token stays. */
  private refresh(req: Request, res: Response, client: SandboxClient, fault?: SandboxFaultKind) {
    const grant = this.ctx.grants.findRefreshToken('oidc', bodyParam(req, 'refresh_token'));
    if (!grant || grant.clientId !== client.clientId) {
      return sendInvalidGrant(res, 'Invalid refresh token');
    }
    this.sendTokens(res, grant, { fault });
  }

  private sendTokens(
    res: Response,
    grant: IssuedGrant,
    {
      nonce,
      refreshToken,
      fault,
    }: { nonce?: string; refreshToken?: string; fault?: SandboxFaultKind },
  ): void {
    const identity = findIdentity('oidc', grant.identityKey)!;
    const { clientId, scopes } = grant;
    const accessToken = this.ctx.grants.issueAccessToken(grant, OIDC_TOKEN_TTL_S * 1000, 'at.');
    const { sub, ...claims } = oidcClaims(identity, scopes, this.ctx.url);
    const idToken = mintIdToken(
      this.ctx.keys.oidc,
      {
        issuer: `${this.ctx.url}/${OIDC_PATH}`,
        clientId,
        subject: String(sub),
        nonce,
        lifetimeS: OIDC_TOKEN_TTL_S,
      },
      { azp: clientId, ...claims },
      fault,
    );
    sendJson(res, 200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: OIDC_TOKEN_TTL_S,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: scopes.join(' '),
      ...(idToken ? { id_token: idToken } : {}),
    });
  }
}
