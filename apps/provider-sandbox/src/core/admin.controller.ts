import { Controller, Delete, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SandboxClient, SandboxFault } from '../sandbox.types.js';
import { sendJson } from './http.js';
import { SandboxContext } from './sandbox.context.js';

/** Whether a peer address is loopback (IPv4, IPv6 or IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  return !!address && (/^(::ffff:)?127\./.test(address) || address === '::1');
}

/**
 * Out-of-process control (browser tests): faults, clients and call counts. Loopback peers only,
 * even when the sandbox is bound to another interface.
 */
@Controller('__sandbox')
export class AdminController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Post('faults')
  setFault(@Req() req: Request, @Res() res: Response): void {
    this.apply(req, res, () => this.ctx.faults.set(req.body as SandboxFault));
  }

  @Delete('faults')
  clearFaults(@Req() req: Request, @Res() res: Response): void {
    this.apply(req, res, () => this.ctx.faults.clear());
  }

  @Post('keys/rotate')
  rotateKeys(@Req() req: Request, @Res() res: Response): void {
    this.apply(req, res, () => {
      const provider = (req.body as { provider?: unknown } | undefined)?.provider;
      if (provider !== 'google' && provider !== 'oidc') {
        throw new TypeError("provider must be 'google' or 'oidc'");
      }
      this.ctx.keys[provider].rotate();
    });
  }

  @Post('clients')
  registerClient(@Req() req: Request, @Res() res: Response): void {
    this.apply(req, res, () => this.ctx.clients.register(req.body as SandboxClient));
  }

  @Get('calls')
  calls(@Req() req: Request, @Res() res: Response): void {
    if (!this.allowed(req, res)) return;
    sendJson(res, 200, this.ctx.calls.snapshot());
  }

  @Delete('calls')
  resetCalls(@Req() req: Request, @Res() res: Response): void {
    this.apply(req, res, () => this.ctx.calls.reset());
  }

  /** Runs a change and answers 204, or 400 with the validation message. */
  private apply(req: Request, res: Response, change: () => void): void {
    if (!this.allowed(req, res)) return;
    try {
      change();
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      return sendJson(res, 400, { error: error.message });
    }
    res.status(204).end();
  }

  private allowed(req: Request, res: Response): boolean {
    if (isLoopback(req.socket.remoteAddress)) return true;
    sendJson(res, 403, { error: 'The sandbox admin API answers loopback clients only.' });
    return false;
  }
}
