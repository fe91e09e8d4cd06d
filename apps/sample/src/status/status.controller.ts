import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProviderApiError, SocialService } from 'nestjs-social';
import { ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { escapeHtml, flashNext } from '../pages/html.util.js';
import { STATUS_PROVIDERS } from '../pages/views.js';
import '../session/session-data.js';
import { postStatus } from './post-status.js';

/** The "post a status" demo: `SocialService.getApi()` for a connected provider. */
@Controller('status')
export class StatusController {
  constructor(private readonly social: SocialService) {}

  @Post(':provider')
  async post(
    @Req() req: Request,
    @Res() res: Response,
    @Param('provider') providerId: string,
    @Body() body: { status?: unknown },
  ) {
    const userId = req.session.userId;
    if (!userId) return res.redirect(303, '/login');
    // Google (and any provider not listed) has nothing to post a status to.
    if (!this.social.isEnabled(providerId) || !STATUS_PROVIDERS[providerId]) {
      return refuse(res, 400, `There is no status to post to on ${providerId.slice(0, 40)}`);
    }
    const text = typeof body.status === 'string' ? body.status.trim() : '';
    if (!text || text.length > 280) {
      flashNext(req, 'error', 'Write a status of 1 to 280 characters');
      return res.redirect(303, '/profile');
    }
    const provider = this.social.provider(providerId);
    try {
      const id = await postStatus(this.social, providerId, userId, text);
      if (id === null) {
        const connection = await provider.getConnection(userId);
        // Not active (expired, refused): the profile page offers "Reconnect".
        flashNext(
          req,
          'error',
          connection ? `Reconnect ${provider.name} first` : `Connect ${provider.name} first`,
        );
      } else {
        flashNext(req, 'success', `Posted to ${provider.name} (id ${id})`);
      }
    } catch (error) {
      if (!isProviderFailure(error)) throw error;
      flashNext(req, 'error', `${provider.name} refused the post. Please try again later.`);
    }
    res.redirect(303, '/profile');
  }
}

/**
 * What a provider's client rejects with when the provider said no or did not answer: the
 * module's `ProviderApiError`, twitter-api-v2's `ApiResponseError` / `ApiRequestError`, a timeout.
 */
function isProviderFailure(error: unknown): boolean {
  return (
    error instanceof ProviderApiError ||
    error instanceof ApiResponseError ||
    error instanceof ApiRequestError ||
    (error instanceof Error && error.name === 'TimeoutError')
  );
}

function refuse(res: Response, status: number, message: string) {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><title>Not possible</title><main><h1>Not possible</h1><p>${escapeHtml(message)}</p><p><a href="/profile">Back to your profile</a></p></main></html>`,
    );
}
