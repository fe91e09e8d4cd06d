import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * The addresses to bind for a host name. `localhost` means every loopback address: browsers may
 * try ::1 or 127.0.0.1 first, and the sandbox must answer both without going beyond loopback.
 */
export function bindAddresses(host: string): string[] {
  return host === 'localhost' ? ['127.0.0.1', '::1'] : [host];
}

/** `http://host:port`, bracketing IPv6 literals. */
export function baseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Serves `handler` on more addresses at `port`. With an ephemeral port, an address that is
 * missing or taken is skipped (the first address already works); a fixed port must bind.
 */
export async function listenAlso(
  handler: RequestListener,
  port: number,
  addresses: string[],
  strict: boolean,
): Promise<Server[]> {
  const servers: Server[] = [];
  for (const address of addresses) {
    const server = createServer(handler);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, address, () => resolve());
      });
      servers.push(server);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const noSuchAddress = code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT';
      if (!noSuchAddress && strict) {
        await Promise.all(servers.map(closeServer));
        throw error;
      }
    }
  }
  return servers;
}

/** Closes a server, dropping its open connections rather than waiting for them. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
