import type { Response } from 'express';
import { sendHtml } from '../core/html.js';
import type { SandboxContext } from '../core/sandbox.context.js';
import { SANDBOX_IDENTITIES } from '../sandbox.identities.js';
import type { ConsentRequest } from './consent-request.js';
import { renderConsentPage } from './consent.page.js';

/** Parks an authorization request and answers with its consent page. */
export function showConsent(ctx: SandboxContext, res: Response, request: ConsentRequest): void {
  const txn = ctx.openConsent(request);
  const page = renderConsentPage({
    provider: request.provider,
    clientId: request.clientId,
    scopes: request.scopes,
    txn,
    identities: SANDBOX_IDENTITIES[request.provider],
  });
  sendHtml(res, 200, page);
}
