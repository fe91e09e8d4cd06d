import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConnectionConflictError, NoPendingSignUpError, SocialService } from 'nestjs-social';
import type { EntityManager } from 'typeorm';
import { flashNext, layout } from '../pages/html.util.js';
import { pageContext } from '../pages/page-context.js';
import { isEmail } from '../pages/pages.controller.js';
import { providerSignUpPage } from '../pages/views.js';
import { CsrfTokens } from '../session/csrf-tokens.js';
import { User } from '../users/user.entity.js';

/** The email is taken by another account: never linked automatically (unverified emails). */
class EmailTakenError extends Error {}

/**
 * Sign-up through a provider (the flask-social-example pattern, done safely): a provider login
 * that finds no account lands here with the provider's profile; submitting creates the user and
 * the connection in one transaction and logs the user in.
 */
@Controller('register/provider')
export class SignUpController {
  constructor(
    private readonly social: SocialService,
    private readonly csrf: CsrfTokens,
  ) {}

  @Get()
  show(@Req() req: Request, @Res() res: Response) {
    const profile = this.social.getPendingSignUp(req);
    if (!profile) return res.redirect('/login');
    const name = this.social.provider(profile.providerId).name;
    const { flashes, csrfToken } = pageContext(req, res, this.csrf);
    res
      .type('html')
      .send(layout(`Sign up with ${name}`, flashes, providerSignUpPage(profile, name, csrfToken)));
  }

  @Post()
  async create(@Req() req: Request, @Res() res: Response, @Body() body: { email?: unknown }) {
    if (!isEmail(body.email)) {
      flashNext(req, 'error', 'Enter a valid email address');
      return res.redirect(303, '/register/provider');
    }
    const email = body.email.trim().toLowerCase();
    try {
      await this.social.completeSignUp(req, async (_profile, manager: EntityManager) => {
        if (await manager.findOneBy(User, { email })) throw new EmailTakenError();
        const user = manager.create(User, { id: randomUUID(), email, passwordHash: null });
        await manager.insert(User, user);
        return user.id;
      });
    } catch (error) {
      return this.refused(req, res, error);
    }
    flashNext(req, 'success', 'Your account was created');
    res.redirect(303, '/profile');
  }

  @Post('cancel')
  cancel(@Req() req: Request, @Res() res: Response) {
    this.social.discardPendingSignUp(req);
    res.redirect(303, '/login');
  }

  private refused(req: Request, res: Response, error: unknown) {
    if (error instanceof EmailTakenError) {
      flashNext(
        req,
        'error',
        'That email address already has an account: log in, then connect this provider from your profile',
      );
      return res.redirect(303, '/register/provider');
    }
    if (error instanceof NoPendingSignUpError || error instanceof ConnectionConflictError) {
      flashNext(
        req,
        'error',
        'This sign-up has expired or the account is already in use. Please log in again.',
      );
      return res.redirect(303, '/login');
    }
    throw error;
  }
}
