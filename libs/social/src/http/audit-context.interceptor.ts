import { randomUUID } from 'node:crypto';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { runWithAuditContext } from '../connections/audit-context.js';

/** A request id a proxy or the client set that is safe to store as is. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Runs each of the module's routes in an audit context: the user acting, and the request's id
 * (its `X-Request-Id` when well formed, else a new UUID), so every connection change the route
 * makes is recorded with them.
 */
@Injectable()
export class AuditContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    return new Observable((subscriber) =>
      runWithAuditContext({ actor: 'user', requestId }, () => next.handle().subscribe(subscriber)),
    );
  }
}
