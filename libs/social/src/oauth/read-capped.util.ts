/** The largest answer the module reads from a provider (a profile, a token answer, an API call). */
export const MAX_PROVIDER_RESPONSE_BYTES = 1024 * 1024;

/** A provider answer larger than `MAX_PROVIDER_RESPONSE_BYTES`: read no further. */
export class ProviderResponseTooLargeError extends Error {
  override readonly name = 'ProviderResponseTooLargeError';
  constructor() {
    super(`The provider's answer is larger than ${MAX_PROVIDER_RESPONSE_BYTES} bytes`);
  }
}

/** Reads a fetch answer's body as text, giving up (and cancelling the body) past the cap. */
export async function readCappedText(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_PROVIDER_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw new ProviderResponseTooLargeError();
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_PROVIDER_RESPONSE_BYTES) {
      await response.body.cancel().catch(() => undefined);
      throw new ProviderResponseTooLargeError();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
