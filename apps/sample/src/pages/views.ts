import type { Connection, SocialProviderHandle } from 'nestjs-social';
import { escapeHtml } from './html.util.js';

/** Local log-in form, and one "Log in with <Name>" form per provider. */
export function loginPage(providers: SocialProviderHandle[], next: string): string {
  const nextField = next ? `<input type="hidden" name="next" value="${escapeHtml(next)}">` : '';
  return `
<form method="post" action="/login">
  <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
  <p><button type="submit">Log in</button></p>
</form>
<p>No account? <a href="/register">Create one</a>.</p>
<h2>Or log in with</h2>
${providers
  .map(
    (p) =>
      `<form method="post" action="/login/${escapeHtml(p.id)}">${nextField}<button type="submit">Log in with ${escapeHtml(p.name)}</button></form>`,
  )
  .join('\n')}`;
}

/** The register form. */
export function registerPage(): string {
  return `
<form method="post" action="/register">
  <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required>
  <p><button type="submit">Create account</button></p>
</form>
<p>Already registered? <a href="/login">Log in</a>.</p>`;
}

/** One row per provider: the connection, or a button to make one. */
export function profilePage(
  rows: { provider: SocialProviderHandle; connection: Connection | null }[],
): string {
  const body = rows.map(({ provider, connection }) => {
    const id = escapeHtml(provider.id);
    const name = escapeHtml(provider.name);
    if (!connection) {
      return `<tr><th scope="row">${name}</th><td>Not connected</td><td>
<form method="post" action="/connect/${id}"><input type="hidden" name="next" value="/profile"><button type="submit">Connect ${name}</button></form></td></tr>`;
    }
    const picture = connection.imageUrl
      ? `<img class="avatar" src="${escapeHtml(connection.imageUrl)}" alt="" referrerpolicy="no-referrer"> `
      : '';
    const label = escapeHtml(connection.displayName ?? connection.providerUserId);
    const link = connection.profileUrl
      ? `<a href="${escapeHtml(connection.profileUrl)}" rel="noopener noreferrer">${label}</a>`
      : label;
    return `<tr><th scope="row">${name}</th><td>${picture}${link}</td><td>
<form method="post" action="/connect/${id}"><input type="hidden" name="_method" value="DELETE"><input type="hidden" name="next" value="/profile"><button type="submit">Disconnect ${name}</button></form></td></tr>`;
  });
  return `
<table><caption class="visually-hidden">Connected accounts</caption><tbody>${body.join('\n')}</tbody></table>
<form method="post" action="/logout"><p><button type="submit">Log out</button></p></form>`;
}
