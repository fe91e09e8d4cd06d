import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { queryParam, sendJson } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { secureEqual } from '../core/secure-compare.js';
import { findIdentity } from '../sandbox.identities.js';
import type { SandboxClient } from '../sandbox.types.js';
import { isGraphVersion, sendGraphError } from './facebook.graph.js';

/** Data access lasts 90 days from the user's last use of the app. */
const DATA_ACCESS_TTL_S = 90 * 24 * 3600;

/**
 * Graph's `GET /debug_token?input_token=…&access_token=<app id>|<app secret>`: what a user token
 * is (`{data:{app_id, type, application, expires_at, is_valid, scopes, user_id, …}}`), asked
 * with the app's own access token.
 */
@Controller('facebook')
export class FacebookDebugTokenController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get(':version/debug_token')
  debugToken(@Param('version') version: string, @Req() req: Request, @Res() res: Response): void {
    if (!isGraphVersion(version)) {
      return sendGraphError(res, `Unknown path components: /${version}/debug_token`, 2500);
    }
    const app = this.appOf(queryParam(req, 'access_token'));
    if (!app)
      return sendGraphError(res, 'Invalid OAuth access token - Cannot parse access token', 190);
    const input = queryParam(req, 'input_token');
    if (!input) return sendGraphError(res, '(#100) The parameter input_token is required', 100);
    const grant = this.ctx.grants.findAccessToken('facebook', input);
    const identity = grant && findIdentity('facebook', grant.identityKey);
    if (!grant || !identity || grant.clientId !== app.clientId) {
      return sendJson(res, 200, {
        data: {
          is_valid: false,
          error: { code: 190, message: 'Invalid OAuth access token.', subcode: 463 },
          scopes: [],
        },
      });
    }
    const now = Math.floor(Date.now() / 1000);
    sendJson(res, 200, {
      data: {
        app_id: app.clientId,
        type: 'USER',
        application: 'nestjs-social sandbox',
        data_access_expires_at: now + DATA_ACCESS_TTL_S,
        expires_at: Math.floor(grant.expiresAt / 1000),
        is_valid: true,
        scopes: grant.scopes,
        user_id: identity.id,
      },
    });
  }

  /** The app behind an app access token `<app id>|<app secret>`. */
  private appOf(token: string | undefined): SandboxClient | undefined {
    const [appId, secret, ...rest] = (token ?? '').split('|');
    if (!appId || !secret || rest.length > 0) return undefined;
    const client = this.ctx.clients.find('facebook', appId);
    return client && secureEqual(client.clientSecret, secret) ? client : undefined;
  }
}
