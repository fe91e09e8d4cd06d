import { Body, Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { safeRedirectPath, SocialService } from 'nestjs-social';
import { CsrfTokens } from '../session/csrf-tokens.js';
import '../session/session-data.js';
import { TooManyAttemptsFilter } from '../users/login-throttling.js';
import { loginSession, logoutSession } from '../users/session-login.util.js';
import { UsersService } from '../users/users.service.js';
import { flashNext, layout } from './html.util.js';
import { pageContext } from './page-context.js';
import { loginPage, profilePage, registerPage } from './views.js';

type Credentials = { email?: unknown; password?: unknown; next?: unknown };

/** The sample's pages: local accounts, and the module's features on top. */
@Controller()
export class PagesController {
  constructor(
    private readonly users: UsersService,
    private readonly social: SocialService,
    private readonly csrf: CsrfTokens,
  ) {}

  @Get()
  home(@Req() req: Request, @Res() res: Response) {
    res.redirect(req.session.userId ? '/profile' : '/login');
  }

  @Get('login')
  login(@Req() req: Request, @Res() res: Response) {
    const next = safeRedirectPath(req.query.next, '');
    const { flashes, csrfToken } = pageContext(req, res, this.csrf);
    // Sent here by a page that needs a user: said on the page, not in a session of its own.
    if (next) flashes.push({ category: 'info', message: 'Please log in to access this page.' });
    res
      .type('html')
      .send(layout('Log in', flashes, loginPage(this.social.providers(), next, csrfToken)));
  }

  @Post('login')
  @UseGuards(ThrottlerGuard)
  @UseFilters(TooManyAttemptsFilter)
  async doLogin(@Req() req: Request, @Res() res: Response, @Body() body: Credentials) {
    const user =
      typeof body.email === 'string' && typeof body.password === 'string'
        ? await this.users.authenticate(body.email, body.password)
        : null;
    if (!user) {
      flashNext(req, 'error', 'Invalid email or password');
      return res.redirect(303, '/login');
    }
    await loginSession(req, user.id);
    res.redirect(303, safeRedirectPath(body.next, '/profile'));
  }

  @Get('register')
  register(@Req() req: Request, @Res() res: Response) {
    const { flashes, csrfToken } = pageContext(req, res, this.csrf);
    res.type('html').send(layout('Create an account', flashes, registerPage(csrfToken)));
  }

  @Post('register')
  async doRegister(@Req() req: Request, @Res() res: Response, @Body() body: Credentials) {
    const { email, password } = body;
    if (
      !isEmail(email) ||
      typeof password !== 'string' ||
      password.length < 8 ||
      password.length > 200
    ) {
      flashNext(req, 'error', 'Enter an email address and a password of 8 to 200 characters');
      return res.redirect(303, '/register');
    }
    const user = await this.users.register(email, password);
    if (!user) {
      flashNext(req, 'error', 'That email address is already registered');
      return res.redirect(303, '/register');
    }
    await loginSession(req, user.id);
    res.redirect(303, '/profile');
  }

  @Get('profile')
  async profile(@Req() req: Request, @Res() res: Response) {
    const user = req.session.userId ? await this.users.findById(req.session.userId) : null;
    if (!user) return res.redirect(`/login?next=${encodeURIComponent('/profile')}`);
    const rows = await Promise.all(
      this.social
        .providers()
        .map(async (provider) => ({ provider, connection: await provider.getConnection(user.id) })),
    );
    const { flashes, csrfToken } = pageContext(req, res, this.csrf);
    res.type('html').send(layout(`Hello ${user.email}`, flashes, profilePage(rows, csrfToken)));
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response) {
    await logoutSession(req);
    flashNext(req, 'info', 'You have been logged out');
    res.redirect(303, '/login');
  }
}

/** A plausible email address, short enough for its column. */
export function isEmail(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= 254 && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)
  );
}
