import { Agent, request } from 'node:http';
import type { CookieJar } from './cookie-jar.js';

/** What the driver keeps of an answer; the body is read and dropped. */
export interface Answer {
  status: number;
  location?: string;
  setCookie: string[];
}

/**
 * The bench's HTTP client: node:http with a keep-alive agent per origin (lighter than fetch, so
 * the driver leaves the cores to the apps), cookies from and into the flow's jar, redirects not
 * followed (the flow follows them, step by step).
 */
export class HttpDriver {
  private readonly agents = new Map<string, Agent>();

  constructor(private readonly socketsPerOrigin: number) {}

  send(
    method: string,
    url: URL,
    jar: CookieJar,
    extraHeaders: Record<string, string> = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...extraHeaders };
    const cookie = jar.header(url);
    if (cookie) headers.cookie = cookie;
    if (method === 'POST') headers['content-length'] = '0';
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers, agent: this.agent(url) }, (res) => {
        res.resume();
        res.on('error', reject);
        res.on('end', () => {
          const setCookie = res.headers['set-cookie'] ?? [];
          jar.store(url, setCookie);
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, setCookie });
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private agent(url: URL): Agent {
    let agent = this.agents.get(url.origin);
    if (!agent) {
      agent = new Agent({ keepAlive: true, maxSockets: this.socketsPerOrigin });
      this.agents.set(url.origin, agent);
    }
    return agent;
  }
}
