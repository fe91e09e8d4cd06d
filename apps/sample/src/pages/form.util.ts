import { escapeHtml } from './html.util.js';

/** A POST form carrying the CSRF token, with hidden fields and one submit button. */
export function postForm(
  action: string,
  csrfToken: string,
  button: string,
  fields: Record<string, string> = {},
  inner = '',
): string {
  const hidden = Object.entries({ _csrf: csrfToken, ...fields })
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('');
  return `<form method="post" action="${escapeHtml(action)}">${hidden}${inner}<button type="submit">${escapeHtml(button)}</button></form>`;
}
