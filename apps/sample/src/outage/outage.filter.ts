import { type ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { isInfrastructureFailure } from 'nestjs-social';
import { sendUnavailable } from './unavailable.js';

/**
 * The sample's own pages answer 503 while the database is down, as the module's routes do; any
 * other error goes on to Nest's handler (a 500 there is a bug to fix).
 */
@Catch()
export class OutageFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Sample');

  override catch(exception: unknown, host: ArgumentsHost) {
    if (exception instanceof HttpException || !isInfrastructureFailure(exception)) {
      return super.catch(exception, host);
    }
    this.logger.error(`Database failure: ${(exception as Error).name}`);
    const http = host.switchToHttp();
    sendUnavailable(http.getRequest<Request>(), http.getResponse<Response>());
  }
}
