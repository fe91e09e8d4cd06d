import type {
  Connection,
  ConnectionStatus,
  SocialProfile,
  SocialProviderHandle,
} from 'nestjs-social';
import { postForm } from './form.util.js';
import { escapeHtml } from './html.util.js';

/** Providers the status demo can post to, with what each calls the post. */
export const STATUS_PROVIDERS: Record<string, string> = {
  twitter: 'Post to Twitter',
  facebook: 'Post to Facebook',
  foursquare: 'Check in on foursquare',
};

/** What the profile page says of a connection that is not `active`. */
const STATUS_NOTES: Record<Exclude<ConnectionStatus, 'active'>, string> = {
  expired: 'Its authorization expired',
  needs_reauth: 'It needs your authorization again',
  revoked: 'Its authorization was withdrawn',
};

/** Local log-in form, and one "Log in with <Name>" form per provider. */
export function loginPage(
  providers: SocialProviderHandle[],
  next: string,
  csrfToken: string,
): string {
  const nextField: Record<string, string> = next ? { next } : {};
  return `
<form method="post" action="/login">
  <input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">
  ${next ? `<input type="hidden" name="next" value="${escapeHtml(next)}">` : ''}
  <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
  <p><button type="submit">Log in</button></p>
</form>
<p>No account? <a href="/register">Create one</a>.</p>
<h2>Or log in with</h2>
${providers.map((p) => postForm(`/login/${p.id}`, csrfToken, `Log in with ${p.name}`, nextField)).join('\n')}`;
}

/** The register form. */
export function registerPage(csrfToken: string): string {
  return `
<form method="post" action="/register">
  <input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">
  <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required>
  <p><button type="submit">Create account</button></p>
</form>
<p>Already registered? <a href="/login">Log in</a>.</p>`;
}

/** Sign-up through a provider: the profile the provider gave, prefilled. */
export function providerSignUpPage(
  profile: SocialProfile,
  providerName: string,
  csrfToken: string,
): string {
  const picture = profile.imageUrl
    ? `<img class="avatar" src="${escapeHtml(profile.imageUrl)}" alt="" referrerpolicy="no-referrer"> `
    : '';
  return `
<p>${picture}${escapeHtml(profile.fullName ?? profile.displayName ?? profile.providerUserId)}</p>
<form method="post" action="/register/provider">
  <input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">
  <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" value="${escapeHtml(profile.email ?? '')}" required>
  <p><button type="submit">Create an account with this ${escapeHtml(providerName)} profile</button></p>
</form>
${postForm('/register/provider/cancel', csrfToken, 'Cancel')}
<p>Already have an account? <a href="/login">Log in</a>, then connect ${escapeHtml(providerName)} from your profile.</p>`;
}

/** One row per provider: the connection, or a button to make one; the status demo; log out. */
export function profilePage(
  rows: { provider: SocialProviderHandle; connection: Connection | null }[],
  csrfToken: string,
): string {
  const body = rows.map(({ provider, connection }) => {
    const id = provider.id;
    const name = escapeHtml(provider.name);
    if (!connection) {
      return `<tr><th scope="row">${name}</th><td>Not connected</td><td>${postForm(`/connect/${id}`, csrfToken, `Connect ${provider.name}`, { next: '/profile' })}</td></tr>`;
    }
    const picture = connection.imageUrl
      ? `<img class="avatar" src="${escapeHtml(connection.imageUrl)}" alt="" referrerpolicy="no-referrer"> `
      : '';
    const label = escapeHtml(connection.displayName ?? connection.providerUserId);
    const link = connection.profileUrl
      ? `<a href="${escapeHtml(connection.profileUrl)}" rel="noopener noreferrer">${label}</a>`
      : label;
    const disconnect = postForm(`/connect/${id}`, csrfToken, `Disconnect ${provider.name}`, {
      _method: 'DELETE',
      next: '/profile',
    });
    if (connection.status === 'active') {
      return `<tr><th scope="row">${name}</th><td>${picture}${link}</td><td>${disconnect}</td></tr>`;
    }
    // The provider refused the tokens, or they expired: one click to authorize again.
    const reconnect = postForm(`/reconnect/${id}`, csrfToken, `Reconnect ${provider.name}`, {
      next: '/profile',
    });
    const note = `<span class="connection-status" data-status="${connection.status}">${STATUS_NOTES[connection.status]}</span>`;
    return `<tr><th scope="row">${name}</th><td>${picture}${link} ${note}</td><td>${reconnect} ${disconnect}</td></tr>`;
  });
  const postable = rows.filter(
    ({ provider, connection }) => connection?.status === 'active' && STATUS_PROVIDERS[provider.id],
  );
  const status = postable.length
    ? `<h2>Post a status</h2>${postable
        .map(({ provider }) =>
          postForm(
            `/status/${provider.id}`,
            csrfToken,
            STATUS_PROVIDERS[provider.id]!,
            {},
            `<label for="status-${provider.id}">Status for ${escapeHtml(provider.name)}</label><input id="status-${provider.id}" name="status" type="text" maxlength="280" required> `,
          ),
        )
        .join('\n')}`
    : '';
  return `
<table><caption class="visually-hidden">Your accounts with each provider</caption><tbody>${body.join('\n')}</tbody></table>
${status}
${postForm('/logout', csrfToken, 'Log out')}`;
}
