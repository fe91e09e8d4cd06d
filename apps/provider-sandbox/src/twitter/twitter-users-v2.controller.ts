import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { bearerToken, queryParam, sendJson } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { xBearerCaller } from './twitter-bearer.js';
import { oauth1Caller } from './twitter-oauth1-caller.js';
import { sendXProblem } from './twitter-oauth2.errors.js';
import { canReadUsers } from './twitter-oauth2.scopes.js';
import { avatarUrl } from '../core/avatar-url.js';

/**
 * X API v2 `GET /2/users/me` with an OAuth 2.0 user token or an OAuth 1.0a user-context
 * signature (both are accepted there): `{ data: { id, name, username, … } }`.
 */
@Controller('twitter')
export class TwitterUsersV2Controller {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get('2/users/me')
  async me(@Req() req: Request, @Res() res: Response): Promise<void> {
    const fault = await this.ctx.faults.enter(res, 'twitter', 'profile', {
      invalid_grant: (r) => sendXProblem(r, 401),
      no_access_token: (r) => sendJson(r, 200, {}),
    });
    if (fault.answered) return;
    const identity = bearerToken(req)
      ? xBearerCaller(this.ctx, req, res, canReadUsers)
      : oauth1Caller(this.ctx, req, res);
    if (!identity) return;
    const fields = (queryParam(req, 'user.fields') ?? '').split(',');
    sendJson(res, 200, {
      data: {
        id: identity.id,
        name: identity.name,
        username: identity.username,
        ...(fields.includes('profile_image_url')
          ? { profile_image_url: avatarUrl(this.ctx.url, 'twitter', identity) }
          : {}),
        ...(fields.includes('created_at') ? { created_at: identity.createdAt } : {}),
      },
    });
  }
}
