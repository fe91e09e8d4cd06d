import { Controller, Delete, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type { Request, Response } from 'express';
import type { FaultAnswers } from '../core/fault-switch.js';
import { anyParam, bearerToken, bodyParam, queryParam, sendJson } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { secureEqual } from '../core/secure-compare.js';
import type { TokenGrant } from '../oauth2/oauth2-grants.js';
import { findIdentity } from '../sandbox.identities.js';
import type { SandboxIdentity } from '../sandbox.types.js';
import { isGraphVersion, sendGraphError, sendInvalidAccessToken } from './facebook.graph.js';
import { facebookUser, parseFields } from './facebook.user.js';

const FAULT_ANSWERS: FaultAnswers = {
  invalid_grant: sendInvalidAccessToken,
  no_access_token: (res) => sendJson(res, 200, {}),
};

/** The Graph API calls the module makes: `/me` and posting to `/me/feed`. */
@Controller('facebook')
export class FacebookGraphController {
  private nextPostId = 1;

  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get(':version/me')
  async me(@Param('version') version: string, @Req() req: Request, @Res() res: Response) {
    if ((await this.ctx.faults.enter(res, 'facebook', 'profile', FAULT_ANSWERS)).answered) return;
    const caller = this.authenticate(version, req, res);
    if (!caller) return;
    const selection = parseFields(queryParam(req, 'fields'));
    if ('unknown' in selection) {
      return sendGraphError(
        res,
        `(#100) Tried accessing nonexisting field (${selection.unknown}) on node type (User)`,
        100,
      );
    }
    sendJson(
      res,
      200,
      facebookUser(caller.identity, selection.fields, caller.grant.scopes, this.ctx.url),
    );
  }

  @Post(':version/me/feed')
  async feed(@Param('version') version: string, @Req() req: Request, @Res() res: Response) {
    if ((await this.ctx.faults.enter(res, 'facebook', 'api', FAULT_ANSWERS)).answered) return;
    const caller = this.authenticate(version, req, res);
    if (!caller) return;
    if (!anyParam(req, 'message') && !anyParam(req, 'link')) {
      return sendGraphError(res, '(#100) Missing message or attachment', 100);
    }
    sendJson(res, 200, { id: `${caller.identity.id}_${1_000_000_000 + this.nextPostId++}` });
  }

  /**
   * Revokes the app's permissions for the user, as Graph does: every token of the grant stops
   * working (error 190 after), and the answer is `{ "success": true }`.
   */
  @Delete(':version/me/permissions')
  async revokePermissions(
    @Param('version') version: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    if ((await this.ctx.faults.enter(res, 'facebook', 'revoke', FAULT_ANSWERS)).answered) return;
    const caller = this.authenticate(version, req, res);
    if (!caller) return;
    this.ctx.grants.revokeGrant(caller.grant.grantId);
    sendJson(res, 200, { success: true });
  }

  /**
   * The caller of a Graph request, or undefined once answered. The token is taken from the
   * Authorization header only: one in the URL is refused (SECURITY.md #59, RFC 6750 §2.3).
   */
  private authenticate(
    version: string,
    req: Request,
    res: Response,
  ): { identity: SandboxIdentity; grant: TokenGrant } | undefined {
    if (!isGraphVersion(version)) {
      sendGraphError(res, `Unknown path components: /${version}`, 2500);
      return undefined;
    }
    if (
      queryParam(req, 'access_token') !== undefined ||
      bodyParam(req, 'access_token') !== undefined
    ) {
      sendGraphError(
        res,
        'invalid_request: this sandbox refuses access tokens in the URL query or body; send them in the Authorization: Bearer header (RFC 6750 §2.3).',
        100,
      );
      return undefined;
    }
    const token = bearerToken(req);
    if (!token) {
      sendGraphError(
        res,
        'An active access token must be used to query information about the current user.',
        2500,
      );
      return undefined;
    }
    const grant = this.ctx.grants.findAccessToken('facebook', token);
    const identity = grant && findIdentity('facebook', grant.identityKey);
    if (!grant || !identity) {
      sendInvalidAccessToken(res);
      return undefined;
    }
    const proof = queryParam(req, 'appsecret_proof');
    if (proof !== undefined) {
      const secret = this.ctx.clients.find('facebook', grant.clientId)?.clientSecret ?? '';
      const expected = createHmac('sha256', secret).update(token).digest('hex');
      if (!secureEqual(expected, proof.toLowerCase())) {
        sendGraphError(res, 'Invalid appsecret_proof provided in the API argument', 100, {
          type: 'GraphMethodException',
        });
        return undefined;
      }
    }
    return { identity, grant };
  }
}
