import type { Request, Response } from 'express';
import type { DataDeletionRequest } from '../connections/data-deletion-request.entity.js';
import { noStore } from './social.responder.js';
import { wantsJson } from './wants-json.util.js';

/** The status of a data-deletion request: JSON for API clients, a small page for people. */
export function sendDeletionStatus(req: Request, res: Response, request: DataDeletionRequest) {
  noStore(res);
  const status = {
    confirmation_code: request.confirmationCode,
    status: request.status,
    requested_at: request.requestedAt.toISOString(),
    connections_removed: request.connectionsRemoved,
  };
  if (wantsJson(req)) {
    res.json(status);
    return;
  }
  // Only hex digits, a fixed word, a date and a number reach the page: nothing to escape.
  res
    .type('html')
    .send(
      '<!doctype html><html><head><meta charset="utf-8"><title>Data deletion request</title></head>' +
        `<body><h1>Data deletion request ${status.confirmation_code}</h1>` +
        `<p>Status: <strong>${status.status}</strong>. Requested ${status.requested_at}; ` +
        `${status.connections_removed} connection(s) and their tokens deleted.</p></body></html>`,
    );
}
