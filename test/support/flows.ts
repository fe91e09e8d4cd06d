import type { SandboxProviderId } from '../../apps/provider-sandbox/src/index.js';
import type { SocialTestApp } from '../fixtures/social-test-app.js';
import type { Page, TestBrowser } from './browser.js';
import { answerConsent, consentCallbackUrl } from './consent.js';

/** The JSON the fixture's pages answer with. */
export interface PageState {
  path: string;
  userId: string | null;
  flashes: Record<string, string[]>;
}

/** Parses a fixture page. */
export function pageState(page: Page): PageState {
  try {
    return JSON.parse(page.text) as PageState;
  } catch {
    throw new Error(`Not a fixture page (${page.status} ${page.url}): ${page.text.slice(0, 300)}`);
  }
}

type Decision = 'allow' | 'deny';

/** Drives the round trips of one provider through a test app, as a browser would. */
export class Flows {
  constructor(
    readonly app: SocialTestApp,
    readonly browser: TestBrowser,
    readonly provider: SandboxProviderId,
    readonly prefix = '',
  ) {}

  url(path: string) {
    return `${this.app.url}${path}`;
  }

  /** The host app's own login. */
  async logInAs(userId: string) {
    await this.browser.post(this.url(`/test/login/${userId}`));
  }

  async logOut() {
    await this.browser.post(this.url('/test/logout'));
  }

  /** POST /connect/:provider, then answer the consent page. */
  connect(decision: Decision = 'allow', identity = 'alice', form: Record<string, string> = {}) {
    return this.roundTrip('connect', decision, identity, form);
  }

  /** POST /login/:provider, then answer the consent page. */
  login(decision: Decision = 'allow', identity = 'alice', form: Record<string, string> = {}) {
    return this.roundTrip('login', decision, identity, form);
  }

  /** POST /reconnect/:provider, then answer the consent page. */
  reconnect(identity = 'alice') {
    return this.roundTrip('reconnect', 'allow', identity, {});
  }

  private async roundTrip(
    flow: 'login' | 'connect' | 'reconnect',
    decision: Decision,
    identity: string,
    form: Record<string, string>,
  ) {
    const consent = await this.browser.post(
      this.url(`${this.prefix}/${flow}/${this.provider}`),
      form,
    );
    return answerConsent(this.browser, consent, decision, identity);
  }

  /** Starts a flow and returns the provider URL without following it. */
  async start(flow: 'login' | 'connect', form: Record<string, string> = {}) {
    const page = await this.browser.post(
      this.url(`${this.prefix}/${flow}/${this.provider}`),
      form,
      { follow: false },
    );
    return page.headers.get('location')!;
  }

  /** Connects as u1, allows at the consent page, and calls the callback asking for JSON. */
  async connectJson(identity = 'alice') {
    await this.logInAs('u1');
    const consent = await this.browser.post(this.url(`${this.prefix}/connect/${this.provider}`));
    const callback = new URL(await consentCallbackUrl(this.browser, consent, 'allow', identity));
    return this.json(callback.pathname + callback.search);
  }

  /** GETs a path of the app asking for JSON, without following redirects. */
  async json(pathAndQuery: string) {
    const page = await this.browser.get(this.url(pathAndQuery), {
      headers: JSON_ACCEPT,
      follow: false,
    });
    const body = page.text ? JSON.parse(page.text) : {};
    return {
      status: page.status,
      code: body.code as string | undefined,
      text: page.text,
      location: page.headers.get('location'),
    };
  }

  async me(): Promise<string | null> {
    return pageState(await this.browser.get(this.url('/'))).userId;
  }
}

/** Asks for JSON, so answers carry a status and a stable `code`. */
export const JSON_ACCEPT = { accept: 'application/json' };
