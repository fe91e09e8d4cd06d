import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
  Logger,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import {
  SocialErrorCode,
  SocialHttpException,
  SocialRefusalException,
  SocialSetupError,
  UnknownTokenKeyError,
} from '../social.exceptions.js';
import { isInfrastructureFailure } from './infrastructure-error.util.js';
import { SocialMessages } from './social.messages.js';
import { noStore, SocialResponder } from './social.responder.js';
import { wantsJson } from './wants-json.util.js';

/**
 * How the module's routes answer what was thrown rather than returned: a guard's refusal like a
 * flow outcome (a redirect with a flash for browsers), its other errors (a cross-site request, an
 * unknown provider) with their JSON body, and an outage of the database or session store with
 * 503 SERVICE_UNAVAILABLE instead of a 500; nothing was half-written, since each write is a
 * single statement or a transaction. Anything else, database bugs included, goes on to Nest's
 * handler (a 500 there is a bug to fix).
 */
@Catch()
export class SocialExceptionFilter extends BaseExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('SocialModule');
  /** Setup mistakes already logged: each is logged once, not on every request. */
  private readonly loggedSetupErrors = new Set<string>();

  constructor(
    private readonly responder: SocialResponder,
    @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
  ) {
    super();
  }

  override async catch(exception: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof SocialRefusalException) {
      const { statusCode, code, message, redirect } = exception.body;
      const category = exception.category;
      return this.responder.send(req, res, {
        status: statusCode,
        code,
        message,
        redirect,
        category,
      });
    }
    if (exception instanceof SocialHttpException) {
      noStore(res);
      return res.status(exception.getStatus()).json(exception.body);
    }
    if (exception instanceof SocialSetupError) return this.setupError(exception, req, res);
    if (exception instanceof HttpException || !isInfrastructureFailure(exception)) {
      return super.catch(exception, host);
    }
    this.logger.error(describeOutage(exception));
    this.sendError(req, res, 503, SocialErrorCode.ServiceUnavailable, SocialMessages.unavailable());
  }

  /** The host app's setup is missing a piece: the fix goes to the log, the visitor gets a 500 without it. */
  private setupError(error: SocialSetupError, req: Request, res: Response) {
    if (!this.loggedSetupErrors.has(error.message)) {
      this.loggedSetupErrors.add(error.message);
      this.logger.error(error.message);
    }
    this.sendError(req, res, 500, SocialErrorCode.SetupError, SocialMessages.setupError());
  }

  /** An error that is no flow outcome: the JSON body for API clients, its text for browsers. */
  private sendError(
    req: Request,
    res: Response,
    status: number,
    code: SocialErrorCode,
    message: string,
  ) {
    noStore(res);
    if (!wantsJson(req)) {
      res.status(status).type('text/plain').send(message);
      return;
    }
    res.status(status).json({
      statusCode: status,
      ok: false,
      code,
      message,
      redirect: this.options.loginRedirect,
    });
  }
}

/** The log line of an outage: the driver's code, never SQL parameters or provider text. */
function describeOutage(exception: unknown): string {
  if (exception instanceof UnknownTokenKeyError) return `Token key missing: ${exception.message}`;
  const e = exception as { name?: string; code?: unknown; driverError?: { code?: unknown } };
  const code = String(e?.driverError?.code ?? e?.code ?? '');
  return `Database or session store failure: ${e?.name || 'Error'} ${code}`.trim();
}
