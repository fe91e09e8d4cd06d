import type { Page, TestBrowser } from './browser.js';

/** True when the page is a provider-sandbox consent page. */
export function isConsentPage(page: Page): boolean {
  return /name="txn"/.test(page.text) && /name="decision"/.test(page.text);
}

/**
 * Answers a sandbox consent page as a person would: picks an identity and presses Allow or Deny,
 * then follows the redirects back to the app.
 */
export async function answerConsent(
  browser: TestBrowser,
  page: Page,
  decision: 'allow' | 'deny',
  identity = 'alice',
): Promise<Page> {
  if (!isConsentPage(page)) {
    throw new Error(
      `Expected the sandbox consent page at ${page.url}, got ${page.status}: ${page.text.slice(0, 300)}`,
    );
  }
  const form = /<form[^>]*action="([^"]+)"/.exec(page.text);
  const txn = /name="txn" value="([^"]+)"/.exec(page.text);
  if (!form || !txn) throw new Error('Consent page has no form or txn');
  const action = new URL(form[1]!.replace(/&amp;/g, '&'), page.url).toString();
  const next = await browser.post(action, { txn: txn[1]!, identity, decision });
  return { ...next, history: [...page.history, ...next.history] };
}

/**
 * Answers the consent page but does not follow the provider's redirect: returns the callback
 * URL (with its code/state or oauth_token/verifier) for the test to use as it likes.
 */
export async function consentCallbackUrl(
  browser: TestBrowser,
  page: Page,
  decision: 'allow' | 'deny' = 'allow',
  identity = 'alice',
): Promise<string> {
  if (!isConsentPage(page)) {
    throw new Error(`Expected the sandbox consent page at ${page.url}, got ${page.status}`);
  }
  const form = /<form[^>]*action="([^"]+)"/.exec(page.text)!;
  const txn = /name="txn" value="([^"]+)"/.exec(page.text)!;
  const action = new URL(form[1]!.replace(/&amp;/g, '&'), page.url).toString();
  const answer = await browser.post(
    action,
    { txn: txn[1]!, identity, decision },
    { follow: false },
  );
  return answer.headers.get('location')!;
}
