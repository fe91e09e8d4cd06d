// src/app.controller.ts
import { Controller, Get, Header, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { SocialService } from 'nestjs-social';

@Controller()
export class AppController {
  constructor(private readonly social: SocialService) {}

  /** Who is logged in, and their Google connection (no tokens in it). */
  @Get()
  async home(@Req() req: Request) {
    const userId = req.session.userId ?? null;
    const google = userId ? await this.social.google.getConnection(userId) : null;
    return { userId, google: google && { displayName: google.displayName, email: google.email } };
  }

  /** The module starts a login with a POST (a form), never a link. */
  @Get('login')
  @Header('content-type', 'text/html; charset=utf-8')
  loginPage() {
    return `<form method="post" action="/login/google"><button>Sign in with Google</button></form>`;
  }

  @Post('logout')
  logout(@Req() req: Request) {
    return new Promise<{ ok: true }>((done, fail) =>
      req.session.destroy((error) => (error ? fail(error) : done({ ok: true }))),
    );
  }
}
