import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { anyParam, bearerToken, bodyParam, queryParam, sendJson } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import type { FaultAnswers } from '../core/fault-switch.js';
import type { SandboxIdentity } from '../sandbox.types.js';
import { xBearerCaller } from './twitter-bearer.js';
import { oauth1Access, oauth1Caller } from './twitter-oauth1-caller.js';
import { sendInvalidToken, sendTwitterError } from './twitter.errors.js';
import { twitterDate, twitterUser } from './twitter.users.js';

const FAULT_ANSWERS: FaultAnswers = {
  invalid_grant: sendInvalidToken,
  no_access_token: (res) => sendJson(res, 200, {}),
};
const MAX_TWEET_LENGTH = 280;

/** The Twitter API calls the module makes: verify_credentials and posting a tweet (v1.1, v2). */
@Controller('twitter')
export class TwitterApiController {
  // Below 2^53 so `id` and `id_str` agree.
  private nextTweetId = 1_700_000_000_000_001;

  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get('1.1/account/verify_credentials.json')
  async verifyCredentials(@Req() req: Request, @Res() res: Response): Promise<void> {
    if ((await this.ctx.faults.enter(res, 'twitter', 'profile', FAULT_ANSWERS)).answered) return;
    const identity = this.authenticate(req, res);
    if (!identity) return;
    const includeEmail = queryParam(req, 'include_email') === 'true';
    sendJson(res, 200, twitterUser(identity, this.ctx.url, includeEmail));
  }

  /**
   * Invalidates the access token the request is signed with (OAuth 1.0a user context), as
   * Twitter does: answered `{ "access_token": "<the token>" }`, the token refused after (89).
   */
  @Post('1.1/oauth/invalidate_token')
  async invalidateToken(@Req() req: Request, @Res() res: Response): Promise<void> {
    if ((await this.ctx.faults.enter(res, 'twitter', 'revoke', FAULT_ANSWERS)).answered) return;
    const caller = oauth1Access(this.ctx, req, res);
    if (!caller) return;
    this.ctx.twitter.revokeAccessToken(caller.token);
    sendJson(res, 200, { access_token: caller.token });
  }

  @Post('1.1/statuses/update.json')
  async updateStatus(@Req() req: Request, @Res() res: Response): Promise<void> {
    if ((await this.ctx.faults.enter(res, 'twitter', 'api', FAULT_ANSWERS)).answered) return;
    const identity = this.authenticate(req, res);
    if (!identity) return;
    const status = anyParam(req, 'status');
    if (!status) return sendTwitterError(res, 400, 170, 'Missing required parameter: status.');
    if ([...status].length > MAX_TWEET_LENGTH) {
      return sendTwitterError(res, 403, 186, 'Tweet needs to be a bit shorter.');
    }
    const id = this.nextTweetId++;
    sendJson(res, 200, {
      created_at: twitterDate(new Date()),
      id,
      id_str: String(id),
      text: status,
      truncated: false,
      user: twitterUser(identity, this.ctx.url),
    });
  }

  @Post('2/tweets')
  async createTweet(@Req() req: Request, @Res() res: Response): Promise<void> {
    if ((await this.ctx.faults.enter(res, 'twitter', 'api', FAULT_ANSWERS)).answered) return;
    // v2 takes an OAuth 2.0 user token (with tweet.write) or an OAuth 1.0a signature.
    const caller = bearerToken(req)
      ? xBearerCaller(this.ctx, req, res, (scopes) => scopes.includes('tweet.write'))
      : this.authenticate(req, res);
    if (!caller) return;
    // v2 takes JSON, which OAuth 1.0a does not sign: only query and oauth_* params are covered.
    const text = req.is('application/json') ? bodyParam(req, 'text') : undefined;
    if (!text || [...text].length > MAX_TWEET_LENGTH) {
      return sendJson(res, 400, {
        errors: [{ message: 'The `text` field must be a string of 1 to 280 characters.' }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    }
    const id = String(this.nextTweetId++);
    sendJson(res, 201, { data: { id, text, edit_history_tweet_ids: [id] } });
  }

  private authenticate(req: Request, res: Response): SandboxIdentity | undefined {
    return oauth1Caller(this.ctx, req, res);
  }
}
