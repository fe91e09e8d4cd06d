import { readCappedText } from '../oauth/read-capped.util.js';

/**
 * A revocation the provider did not confirm. `tokenInvalid`: it says the token is no longer
 * valid (expired, revoked already, the app removed by the user), so there is nothing left to
 * revoke and trying again would not change that; any other failure is worth another attempt.
 */
export class RevocationFailedError extends Error {
  override readonly name = 'RevocationFailedError';

  constructor(
    readonly status: number,
    readonly tokenInvalid: boolean,
  ) {
    super(
      tokenInvalid
        ? `the provider says the token is no longer valid (HTTP ${status})`
        : `revocation answered HTTP ${status}`,
    );
  }
}

/** Reads how a provider says "that token is not valid" in an error answer. */
export type TokenInvalidCheck = (status: number, body: unknown) => boolean;

/** RFC 6749 §5.2 / RFC 7009: a 400 `invalid_token` or `invalid_grant` (Google answers so). */
export const oauthTokenInvalid: TokenInvalidCheck = (status, body) =>
  status === 400 && ['invalid_token', 'invalid_grant'].includes(field(body, 'error') ?? '');

/** Resolves for a 2xx answer; throws `RevocationFailedError` (never with token material) otherwise. */
export async function checkRevocationAnswer(
  response: Response,
  tokenInvalid: TokenInvalidCheck,
): Promise<void> {
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  let body: unknown = null;
  try {
    body = JSON.parse(await readCappedText(response));
  } catch {
    // Not JSON (an HTML error page of a proxy): a passing failure.
  }
  throw new RevocationFailedError(response.status, tokenInvalid(response.status, body));
}

function field(body: unknown, name: string): string | undefined {
  const value = (body as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : undefined;
}
