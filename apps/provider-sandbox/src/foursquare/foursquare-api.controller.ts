import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { FaultAnswers } from '../core/fault-switch.js';
import { anyParam, bearerToken, queryParam, sendJson } from '../core/http.js';
import { randomAlphanumeric } from '../core/random.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { findIdentity } from '../sandbox.identities.js';
import type { SandboxIdentity } from '../sandbox.types.js';
import {
  sendFoursquareError,
  sendFoursquareResponse,
  sendInvalidAuth,
} from './foursquare.envelope.js';
import { foursquareUser } from './foursquare.user.js';

const FAULT_ANSWERS: FaultAnswers = {
  invalid_grant: sendInvalidAuth,
  no_access_token: (res) => sendJson(res, 200, {}),
};

/** The v2 API calls the module makes: `users/self` and `checkins/add`. */
@Controller('foursquare/v2')
export class FoursquareApiController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get('users/self')
  async self(@Req() req: Request, @Res() res: Response): Promise<void> {
    if ((await this.ctx.faults.enter(res, 'foursquare', 'profile', FAULT_ANSWERS)).answered) return;
    const identity = this.authenticate(req, res);
    if (!identity) return;
    sendFoursquareResponse(res, { user: foursquareUser(identity, this.ctx.url) });
  }

  @Post('checkins/add')
  async checkin(@Req() req: Request, @Res() res: Response): Promise<void> {
    if ((await this.ctx.faults.enter(res, 'foursquare', 'api', FAULT_ANSWERS)).answered) return;
    const identity = this.authenticate(req, res);
    if (!identity) return;
    // Real foursquare requires venueId; the sandbox lets it be omitted so API clients can be
    // exercised without venue data.
    const venueId = anyParam(req, 'venueId');
    const shout = anyParam(req, 'shout');
    sendFoursquareResponse(res, {
      checkin: {
        id: randomAlphanumeric(24).toLowerCase(),
        createdAt: Math.floor(Date.now() / 1000),
        type: 'checkin',
        ...(shout !== undefined ? { shout } : {}),
        ...(venueId !== undefined ? { venue: { id: venueId } } : {}),
        user: { id: identity.id, firstName: identity.givenName, lastName: identity.familyName },
      },
    });
  }

  /**
   * The token's identity, or undefined once answered. The v2 API takes the user token as the
   * `oauth_token` parameter (its real behaviour, the SECURITY.md #59 exception); Bearer works too.
   */
  private authenticate(req: Request, res: Response): SandboxIdentity | undefined {
    if (!/^\d{8}$/.test(queryParam(req, 'v') ?? '')) {
      sendFoursquareError(
        res,
        400,
        'param_error',
        'Must provide a valid version parameter v=YYYYMMDD',
      );
      return undefined;
    }
    const token = anyParam(req, 'oauth_token') ?? bearerToken(req);
    const grant = this.ctx.grants.findAccessToken('foursquare', token);
    const identity = grant && findIdentity('foursquare', grant.identityKey);
    if (!identity) sendInvalidAuth(res);
    return identity;
  }
}
