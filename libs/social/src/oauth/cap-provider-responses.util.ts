import type { ClientRequest, IncomingMessage } from 'node:http';
import { MAX_PROVIDER_RESPONSE_BYTES, ProviderResponseTooLargeError } from './read-capped.util.js';

type HttpLibrary = { request(options: unknown): ClientRequest };

/**
 * node-oauth reads a provider's whole answer into one string, however large: two 30 MB profile
 * fields took 1.4 s and half a gigabyte. This stops reading an answer past
 * `MAX_PROVIDER_RESPONSE_BYTES` (the request fails, a 502), for the OAuth 2 client's requests
 * (`_executeRequest`) and the OAuth 1.0a client's (`_createClient`).
 */
export function capProviderResponses(strategy: object): void {
  const client = strategy as {
    _oauth2?: { _executeRequest: (library: HttpLibrary, ...rest: unknown[]) => unknown };
    _oauth?: { _createClient: (...args: unknown[]) => ClientRequest };
  };
  const oauth2 = client._oauth2;
  if (oauth2) {
    const execute = oauth2._executeRequest.bind(oauth2);
    oauth2._executeRequest = (library, ...rest) =>
      execute({ request: (options) => capped(library.request(options)) }, ...rest);
  }
  const oauth1 = client._oauth;
  if (oauth1) {
    const create = oauth1._createClient.bind(oauth1);
    oauth1._createClient = (...args) => capped(create(...args));
  }
}

function capped(request: ClientRequest): ClientRequest {
  // Registered before node-oauth's own listeners, so it sees every chunk first.
  request.on('response', (response: IncomingMessage) => {
    let size = 0;
    response.on('data', (chunk: Buffer | string) => {
      size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (size > MAX_PROVIDER_RESPONSE_BYTES) request.destroy(new ProviderResponseTooLargeError());
    });
  });
  return request;
}
