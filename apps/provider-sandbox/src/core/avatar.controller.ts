import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { findIdentity } from '../sandbox.identities.js';
import { SANDBOX_PROVIDERS, type SandboxProviderId } from '../sandbox.types.js';

const COLORS: Record<string, string> = { alice: '#7b2cbf', bob: '#1d6fa5', carol: '#2a9d8f' };

/** Profile pictures: an SVG with the identity's initials, so pages work offline. */
@Controller('__sandbox/avatars')
export class AvatarController {
  @Get(':provider/:file')
  avatar(@Param('provider') provider: string, @Param('file') file: string, @Res() res: Response) {
    this.send(res, provider, file);
  }

  /** foursquare builds photo URLs as prefix + size + suffix. */
  @Get(':provider/:size/:file')
  sized(@Param('provider') provider: string, @Param('file') file: string, @Res() res: Response) {
    this.send(res, provider, file);
  }

  private send(res: Response, provider: string, file: string): void {
    const key = /^([a-z]+)\.svg$/.exec(file)?.[1];
    const identity =
      key && SANDBOX_PROVIDERS.includes(provider as SandboxProviderId)
        ? findIdentity(provider as SandboxProviderId, key)
        : undefined;
    if (!identity) {
      res.status(404).type('text').send('Not found');
      return;
    }
    const initials = `${identity.givenName[0]}${identity.familyName[0]}`;
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res
      .type('image/svg+xml')
      .send(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">' +
          `<rect width="100" height="100" fill="${COLORS[identity.key] ?? '#555'}"/>` +
          '<text x="50" y="63" font-family="sans-serif" font-size="40" text-anchor="middle" fill="#fff">' +
          `${initials}</text></svg>`,
      );
  }
}
