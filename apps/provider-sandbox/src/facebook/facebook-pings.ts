import { createHmac } from 'node:crypto';
import type { SandboxContext } from '../core/sandbox.context.js';
import { findIdentity } from '../sandbox.identities.js';

/** Which of Facebook's server-to-server callbacks: the "Deauthorize callback URL", or "Data deletion request URL". */
export type FacebookPingKind = 'deauthorize' | 'data_deletion';

/** What the app answered a ping. */
export interface FacebookPingAnswer {
  status: number;
  /** The answer parsed as JSON, or its text. */
  body: unknown;
}

/**
 * A `signed_request` as Facebook makes it: base64url(HMAC-SHA256(payload, app secret)) + '.' +
 * base64url(JSON payload), the payload naming the algorithm, the app-scoped user id and when.
 */
export function facebookSignedRequest(appSecret: string, userId: string, now = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({
      algorithm: 'HMAC-SHA256',
      issued_at: Math.floor(now / 1000),
      user_id: userId,
    }),
  ).toString('base64url');
  const signature = createHmac('sha256', appSecret).update(payload).digest('base64url');
  return `${signature}.${payload}`;
}

/**
 * Posts the ping Facebook sends when a user removes the app (or asks for their data to be
 * deleted): a form with `signed_request`, signed with the registered client's secret, for the
 * identity's app-scoped id.
 */
export async function sendFacebookPing(
  ctx: SandboxContext,
  { clientId, identity, url }: { clientId: string; identity: string; url: string },
): Promise<FacebookPingAnswer> {
  const client = ctx.clients.find('facebook', clientId);
  const user = findIdentity('facebook', identity);
  if (!client || !user)
    throw new TypeError(`No facebook client ${clientId} or identity ${identity}`);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      signed_request: facebookSignedRequest(client.clientSecret, user.id),
    }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  return { status: response.status, body };
}
