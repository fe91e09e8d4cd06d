import {
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { WELCOME_PATH } from '../shared/app-env.js';

/**
 * The Google guard. On the callback it logs the user into the session, as the Nest docs show
 * (AuthGuard leaves that to the app); passport regenerates the session and saves it.
 */
@Injectable()
export class GoogleAuthGuard extends AuthGuard('google') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const activated = (await super.canActivate(context)) as boolean;
    const request = context.switchToHttp().getRequest<Request>();
    if (request.user) await super.logIn(request);
    return activated;
  }
}

@Controller()
export class AuthController {
  /** passport redirects to Google. */
  @Get('auth/google')
  @UseGuards(GoogleAuthGuard)
  start() {}

  @Get('auth/google/callback')
  @UseGuards(GoogleAuthGuard)
  callback(@Res() res: Response) {
    res.redirect(WELCOME_PATH);
  }

  @Get('logout')
  logout(@Req() req: Request, @Res() res: Response) {
    req.session.destroy(() => res.redirect('/'));
  }
}
