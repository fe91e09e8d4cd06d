import { escapeHtml, htmlPage } from '../core/html.js';
import type { SandboxIdentity, SandboxProviderId } from '../sandbox.types.js';

/** Where the consent form posts. */
export const CONSENT_PATH = '/__sandbox/consent';

/** Provider names as the providers write them. */
export const PROVIDER_NAMES: Record<SandboxProviderId, string> = {
  twitter: 'Twitter',
  facebook: 'Facebook',
  google: 'Google',
  foursquare: 'foursquare',
  oidc: 'OpenID Connect',
  github: 'GitHub',
};

/** What the consent page shows. */
export interface ConsentPageInput {
  provider: SandboxProviderId;
  clientId: string;
  scopes: string[];
  txn: string;
  identities: SandboxIdentity[];
}

/**
 * The consent page: one form with the identities as radio buttons (the first checked), a hidden
 * `txn` and Allow / Deny submit buttons. Kept plain so tests can read `name="txn" value="…"`.
 */
export function renderConsentPage(input: ConsentPageInput): string {
  const providerName = PROVIDER_NAMES[input.provider];
  const title = `${providerName} sandbox — authorize ${input.clientId}`;
  const identities = input.identities
    .map((identity, index) => {
      const id = `identity-${identity.key}`;
      const label = identity.email
        ? `${identity.name} (${identity.email})`
        : `${identity.name} (no email)`;
      return (
        `<div><input type="radio" id="${escapeHtml(id)}" name="identity" value="${escapeHtml(identity.key)}"` +
        `${index === 0 ? ' checked' : ''}><label for="${escapeHtml(id)}">${escapeHtml(label)}</label></div>`
      );
    })
    .join('\n');
  const scopes = input.scopes.length
    ? `<p>It asks for: ${input.scopes.map((scope) => `<code>${escapeHtml(scope)}</code>`).join(', ')}</p>`
    : '<p>It asks for basic access to your account.</p>';
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>The application <strong>${escapeHtml(input.clientId)}</strong> wants to use your ${escapeHtml(providerName)} account.</p>`,
    scopes,
    `<form method="post" action="${CONSENT_PATH}">`,
    `<input type="hidden" name="txn" value="${escapeHtml(input.txn)}">`,
    '<fieldset><legend>Sign in as</legend>',
    identities,
    '</fieldset>',
    '<button type="submit" name="decision" value="allow">Allow</button>',
    '<button type="submit" name="decision" value="deny">Deny</button>',
    '</form>',
  ].join('\n');
  return htmlPage(title, body);
}
