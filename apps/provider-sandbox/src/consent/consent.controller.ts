import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendErrorPage } from '../core/html.js';
import { bodyParam, redirect } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { findIdentity } from '../sandbox.identities.js';
import { CONSENT_PATH } from './consent.page.js';

/** Receives the consent form and sends the browser back to the client. */
@Controller()
export class ConsentController {
  // Explicit tokens: DI must not depend on emitted decorator metadata.
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Post(CONSENT_PATH)
  decide(@Req() req: Request, @Res() res: Response): void {
    const txn = bodyParam(req, 'txn') ?? '';
    const decision = bodyParam(req, 'decision');
    const request = this.ctx.consents.get(txn);
    if (!request) {
      return sendErrorPage(
        res,
        400,
        'Authorization request expired',
        'This authorization request is unknown, already answered or expired. Start again from the application.',
      );
    }
    if (decision !== 'allow' && decision !== 'deny') {
      return sendErrorPage(res, 400, 'Bad request', 'Choose Allow or Deny.');
    }
    const identity =
      decision === 'allow'
        ? findIdentity(request.provider, bodyParam(req, 'identity') ?? '')
        : undefined;
    if (decision === 'allow' && !identity) {
      return sendErrorPage(res, 400, 'Bad request', 'Unknown test identity.');
    }
    // Single use: a reload or a second tab cannot answer the same request twice.
    this.ctx.consents.delete(txn);
    redirect(res, request.complete(identity));
  }
}
