import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { safeRedirectPath, SocialService } from 'nestjs-social';
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
  ) {}

  @Get()
  home(@Req() req: any, @Res() res: any) {
    res.redirect(req.session.userId ? '/profile' : '/login');
  }

  @Get('login')
  login(@Req() req: any, @Res() res: any) {
    const next = safeRedirectPath(req.query.next, '');
    const { flashes, csrfToken } = pageContext(req);
    res
      .type('html')
      .send(layout('Log in', flashes, loginPage(this.social.providers(), next, csrfToken)));
  }

  @Post('login')
  async doLogin(@Req() req: any, @Res() res: any, @Body() body: Credentials) {
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
  register(@Req() req: any, @Res() res: any) {
    const { flashes, csrfToken } = pageContext(req);
    res.type('html').send(layout('Create an account', flashes, registerPage(csrfToken)));
  }

  @Post('register')
  async doRegister(@Req() req: any, @Res() res: any, @Body() body: Credentials) {
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
  async profile(@Req() req: any, @Res() res: any) {
    const user = req.session.userId ? await this.users.findById(req.session.userId) : null;
    if (!user) {
      flashNext(req, 'info', 'Please log in to access this page.');
      return res.redirect(`/login?next=${encodeURIComponent('/profile')}`);
    }
    const rows = await Promise.all(
      this.social
        .providers()
        .map(async (provider) => ({ provider, connection: await provider.getConnection(user.id) })),
    );
    const { flashes, csrfToken } = pageContext(req);
    res.type('html').send(layout(`Hello ${user.email}`, flashes, profilePage(rows, csrfToken)));
  }

  @Post('logout')
  async logout(@Req() req: any, @Res() res: any) {
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
