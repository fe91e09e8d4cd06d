import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { bearerToken, queryParam, sendJson } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import type { TokenGrant } from '../oauth2/oauth2-grants.js';
import { findIdentity } from '../sandbox.identities.js';
import type { SandboxIdentity } from '../sandbox.types.js';
import { sendApiError, sendInvalidCredentials, sendOAuthError } from './google.errors.js';
import { googlePerson, googleUserinfo } from './google.userinfo.js';

const QUERY_TOKEN_REFUSED =
  'This sandbox refuses access tokens in the URL query: send them in the Authorization: Bearer header (RFC 6750 §2.3).';

/** Google's userinfo endpoints and the People API `people/me`. */
@Controller('google')
export class GoogleApiController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get(['oauth2/v3/userinfo', 'v1/userinfo'])
  async userinfo(@Req() req: Request, @Res() res: Response): Promise<void> {
    const fault = await this.ctx.faults.enter(res, 'google', 'profile', {
      invalid_grant: sendInvalidCredentials,
      no_access_token: (r) => sendJson(r, 200, {}),
    });
    if (fault.answered) return;
    if (queryParam(req, 'access_token') !== undefined) {
      return sendOAuthError(res, 400, 'invalid_request', QUERY_TOKEN_REFUSED);
    }
    const caller = this.caller(req);
    if (!caller) return sendInvalidCredentials(res);
    sendJson(res, 200, googleUserinfo(caller.identity, caller.grant.scopes, this.ctx.url));
  }

  @Get('v1/people/me')
  async person(@Req() req: Request, @Res() res: Response): Promise<void> {
    const unauthenticated = (r: Response) =>
      sendApiError(r, 401, 'Request had invalid authentication credentials.', 'UNAUTHENTICATED');
    const fault = await this.ctx.faults.enter(res, 'google', 'api', {
      invalid_grant: unauthenticated,
      no_access_token: (r) => sendJson(r, 200, {}),
    });
    if (fault.answered) return;
    if (queryParam(req, 'access_token') !== undefined) {
      return sendApiError(res, 400, QUERY_TOKEN_REFUSED, 'INVALID_ARGUMENT');
    }
    const caller = this.caller(req);
    if (!caller) return unauthenticated(res);
    const personFields = (queryParam(req, 'personFields') ?? '').split(',').filter((f) => f !== '');
    if (personFields.length === 0) {
      return sendApiError(res, 400, 'personFields mask is required.', 'INVALID_ARGUMENT');
    }
    sendJson(
      res,
      200,
      googlePerson(caller.identity, personFields, caller.grant.scopes, this.ctx.url),
    );
  }

  /** The caller of a Bearer request, if the token is live. */
  private caller(req: Request): { identity: SandboxIdentity; grant: TokenGrant } | undefined {
    const grant = this.ctx.grants.findAccessToken('google', bearerToken(req));
    const identity = grant && findIdentity('google', grant.identityKey);
    return grant && identity ? { grant, identity } : undefined;
  }
}
