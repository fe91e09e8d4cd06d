import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { SocialErrorCode } from './social.errors.js';
import { SocialMessages } from './social.messages.js';
import { wantsJson } from './http/wants-json.util.js';
import { isInfrastructureFailure } from './infrastructure-error.util.js';

/**
 * Answers 503 SERVICE_UNAVAILABLE when the database or session store is down mid-request,
 * instead of a 500; nothing was half-written, since each write is a single statement or a
 * transaction. Other errors, database bugs included, go on to Nest's handler (a 500 there is a
 * bug to fix).
 */
@Catch()
export class SocialUnavailableFilter extends BaseExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('SocialModule');

  override catch(exception: unknown, host: ArgumentsHost) {
    const name = (exception as { name?: string })?.name ?? '';
    const e = exception as { code?: unknown; driverError?: { code?: unknown } };
    const code = String(e?.driverError?.code ?? e?.code ?? '');
    const infrastructure =
      !(exception instanceof HttpException) && isInfrastructureFailure(exception);
    if (!infrastructure) return super.catch(exception, host);
    this.logger.error(`Database or session store failure: ${name || 'Error'} ${code}`.trim());
    const req = host.switchToHttp().getRequest();
    const res = host.switchToHttp().getResponse();
    res.setHeader('Cache-Control', 'no-store');
    if (wantsJson(req)) {
      res.status(503).json({
        statusCode: 503,
        ok: false,
        code: SocialErrorCode.ServiceUnavailable,
        message: SocialMessages.unavailable(),
      });
    } else {
      res.status(503).type('text/plain').send(SocialMessages.unavailable());
    }
  }
}
