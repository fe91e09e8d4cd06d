import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { bearerToken, queryParam, sendJson } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { sendOAuthError } from '../google/google.errors.js';
import { findIdentity } from '../sandbox.identities.js';
import { oidcClaims } from './oidc.claims.js';
import { OIDC_PATH } from './oidc.metadata.js';

/** The issuer's userinfo endpoint (OIDC Core §5.3): GET or POST, the token in the Authorization header. */
@Controller(OIDC_PATH)
export class OidcUserinfoController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get('protocol/openid-connect/userinfo')
  get(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.userinfo(req, res);
  }

  @Post('protocol/openid-connect/userinfo')
  post(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.userinfo(req, res);
  }

  private async userinfo(req: Request, res: Response): Promise<void> {
    const invalidToken = (r: Response) => {
      r.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      sendOAuthError(r, 401, 'invalid_token', 'Token verification failed');
    };
    const fault = await this.ctx.faults.enter(res, 'oidc', 'profile', {
      invalid_grant: invalidToken,
      no_access_token: (r) => sendJson(r, 200, {}),
    });
    if (fault.answered) return;
    if (queryParam(req, 'access_token') !== undefined) {
      return sendOAuthError(
        res,
        400,
        'invalid_request',
        'Send the access token in the Authorization header.',
      );
    }
    const grant = this.ctx.grants.findAccessToken('oidc', bearerToken(req));
    const identity = grant && findIdentity('oidc', grant.identityKey);
    if (!grant || !identity) return invalidToken(res);
    sendJson(res, 200, oidcClaims(identity, grant.scopes, this.ctx.url));
  }
}
