/** What a simulated user does on the consent page. */
export interface ConsentChoice {
  /** Identity key to sign in as. @default 'alice' */
  identity?: string;
  /** @default 'allow' */
  decision?: 'allow' | 'deny';
}

/**
 * Acts as the user on a sandbox consent page: opens `authorizeUrl`, posts the choice and
 * returns where the sandbox redirects (the client's callback URL with code/verifier or error).
 * When the authorization request is answered by a redirect at once (an error sent back to the
 * client), that Location is returned. Throws when the sandbox shows an error page instead.
 */
export async function completeConsent(
  authorizeUrl: string,
  choice: ConsentChoice = {},
): Promise<string> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const immediate = page.headers.get('location');
  if (page.status === 302 && immediate) return immediate;
  const html = await page.text();
  const txn = /name="txn" value="([^"]*)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
  if (page.status !== 200 || !txn || !action) {
    throw new Error(`No consent page at the authorization URL (HTTP ${page.status})`);
  }
  const answer = await fetch(new URL(action, authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      txn,
      identity: choice.identity ?? 'alice',
      decision: choice.decision ?? 'allow',
    }),
  });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) {
    throw new Error(`The consent form was refused (HTTP ${answer.status})`);
  }
  return location;
}
