import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { SocialService } from 'nestjs-social';
import { loginSession, logoutSession } from '../users/session-login.util.js';
import { UsersService } from '../users/users.service.js';
import { layout, takeFlashes } from './html.util.js';
import { loginPage, profilePage, registerPage } from './views.js';

type Credentials = { email?: unknown; password?: unknown };

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
    const next = typeof req.query.next === 'string' ? req.query.next : '';
    res
      .type('html')
      .send(layout('Log in', takeFlashes(req), loginPage(this.social.providers(), next)));
  }

  @Post('login')
  async doLogin(@Req() req: any, @Res() res: any, @Body() body: Credentials) {
    const user =
      typeof body.email === 'string' && typeof body.password === 'string'
        ? await this.users.authenticate(body.email, body.password)
        : null;
    if (!user) {
      req.session.flash = { error: ['Invalid email or password'] };
      return res.redirect(303, '/login');
    }
    await loginSession(req, user.id);
    res.redirect(303, '/profile');
  }

  @Get('register')
  register(@Req() req: any, @Res() res: any) {
    res.type('html').send(layout('Create an account', takeFlashes(req), registerPage()));
  }

  @Post('register')
  async doRegister(@Req() req: any, @Res() res: any, @Body() body: Credentials) {
    const { email, password } = body;
    if (
      typeof email !== 'string' ||
      !/^[^@\s]+@[^@\s]+$/.test(email) ||
      typeof password !== 'string' ||
      password.length < 8
    ) {
      req.session.flash = {
        error: ['Enter an email address and a password of at least 8 characters'],
      };
      return res.redirect(303, '/register');
    }
    const user = await this.users.register(email, password);
    if (!user) {
      req.session.flash = { error: ['That email address is already registered'] };
      return res.redirect(303, '/register');
    }
    await loginSession(req, user.id);
    res.redirect(303, '/profile');
  }

  @Get('profile')
  async profile(@Req() req: any, @Res() res: any) {
    const user = req.session.userId ? await this.users.findById(req.session.userId) : null;
    if (!user) {
      req.session.flash = { info: ['Please log in to access this page.'] };
      return res.redirect(`/login?next=${encodeURIComponent('/profile')}`);
    }
    const rows = await Promise.all(
      this.social
        .providers()
        .map(async (provider) => ({ provider, connection: await provider.getConnection(user.id) })),
    );
    res.type('html').send(layout(`Hello ${user.email}`, takeFlashes(req), profilePage(rows)));
  }

  @Post('logout')
  async logout(@Req() req: any, @Res() res: any) {
    await logoutSession(req);
    req.session.flash = { info: ['You have been logged out'] };
    res.redirect(303, '/login');
  }
}
