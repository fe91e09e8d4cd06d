import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ProviderApiError, SocialService } from 'nestjs-social';
import { flashNext } from '../pages/html.util.js';
import { postStatus } from './post-status.js';

/** The "post a status" demo: `SocialService.getApi()` for a connected provider. */
@Controller('status')
export class StatusController {
  constructor(private readonly social: SocialService) {}

  @Post(':provider')
  async post(
    @Req() req: any,
    @Res() res: any,
    @Param('provider') providerId: string,
    @Body() body: { status?: unknown },
  ) {
    const userId: string | undefined = req.session.userId;
    if (!userId) return res.redirect(303, '/login');
    const text = typeof body.status === 'string' ? body.status.trim() : '';
    if (!this.social.isEnabled(providerId) || !text || text.length > 280) {
      flashNext(req, 'error', 'Write a status of 1 to 280 characters');
      return res.redirect(303, '/profile');
    }
    const provider = this.social.provider(providerId);
    const api = await provider.getApi(userId);
    if (!api) {
      flashNext(req, 'error', `Connect ${provider.name} first`);
      return res.redirect(303, '/profile');
    }
    try {
      const id = await postStatus(api, text);
      flashNext(req, 'success', `Posted to ${provider.name} (id ${id})`);
    } catch (error) {
      if (
        !(error instanceof ProviderApiError) &&
        !(error instanceof Error && error.name === 'TimeoutError')
      ) {
        throw error;
      }
      flashNext(req, 'error', `${provider.name} refused the post. Please try again later.`);
    }
    res.redirect(303, '/profile');
  }
}
