import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendJson } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import type { TokenGrant } from '../oauth2/oauth2-grants.js';
import { findIdentity } from '../sandbox.identities.js';
import type { SandboxIdentity } from '../sandbox.types.js';
import { githubEmails, githubUser } from './github.user.js';

const DOCS = 'https://docs.github.com/rest';

/** GitHub's REST API (api.github.com): `GET /user` and `GET /user/emails`. */
@Controller('github/api')
export class GithubApiController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get('user')
  async user(@Req() req: Request, @Res() res: Response): Promise<void> {
    const fault = await this.ctx.faults.enter(res, 'github', 'profile', {
      invalid_grant: badCredentials,
      no_access_token: (r) => sendJson(r, 200, {}),
    });
    if (fault.answered) return;
    const caller = this.caller(req, res);
    if (caller) sendJson(res, 200, githubUser(caller.identity, this.ctx.url));
  }

  @Get('user/emails')
  emails(@Req() req: Request, @Res() res: Response): void {
    const caller = this.caller(req, res);
    if (!caller) return;
    if (!caller.grant.scopes.some((scope) => scope === 'user' || scope === 'user:email')) {
      return sendJson(res, 404, { message: 'Not Found', documentation_url: DOCS });
    }
    sendJson(res, 200, githubEmails(caller.identity));
  }

  /** GitHub takes `Authorization: token …` or `Bearer …`. */
  private caller(
    req: Request,
    res: Response,
  ): { identity: SandboxIdentity; grant: TokenGrant } | undefined {
    const token = /^(?:token|Bearer) +(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const grant = this.ctx.grants.findAccessToken('github', token);
    const identity = grant && findIdentity('github', grant.identityKey);
    if (grant && identity) return { identity, grant };
    badCredentials(res);
    return undefined;
  }
}

function badCredentials(res: Response): void {
  sendJson(res, 401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
}
