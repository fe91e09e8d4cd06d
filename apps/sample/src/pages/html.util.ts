import type { Request } from 'express';
import '../session/session-data.js';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Takes the flash messages left for this page out of the session. */
export function takeFlashes(req: Request): { category: string; message: string }[] {
  const stored = req.session?.flash ?? {};
  if (req.session?.flash) delete req.session.flash;
  return Object.entries(stored).flatMap(([category, messages]) =>
    messages.map((message) => ({ category, message })),
  );
}

/** The page frame: title, flash messages, content. */
export function layout(
  title: string,
  flashes: { category: string; message: string }[],
  body: string,
): string {
  const messages = flashes
    .map((f) => `<li class="flash flash-${escapeHtml(f.category)}">${escapeHtml(f.message)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} · nestjs-social sample</title>
<style>
body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.6rem}form{margin:.5rem 0}label{display:block;margin:.5rem 0 .2rem}
input[type=email],input[type=password],input[type=text]{width:100%;max-width:22rem;padding:.4rem}
button{padding:.4rem .9rem;cursor:pointer}ul.flashes{list-style:none;padding:0}
.flash{padding:.5rem .8rem;border-radius:4px;margin:.3rem 0;background:#eef}
.flash-error{background:#fde8e8}.flash-success{background:#e6f6e6}
table{border-collapse:collapse;width:100%}td,th{padding:.5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:middle}
img.avatar{width:40px;height:40px;border-radius:50%;vertical-align:middle}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${messages ? `<ul class="flashes" role="status">${messages}</ul>` : ''}
${body}
</main>
<script>
// Facebook appends "#_=_" to its redirects back; drop it from the address bar.
if (location.hash === '#_=_') history.replaceState(null, '', location.pathname + location.search);
</script>
</body>
</html>`;
}

/** Leaves a flash message for the next page, in connect-flash's shape (as the module does). */
export function flashNext(req: Request, category: string, message: string): void {
  const store = (req.session.flash ??= {});
  (store[category] ??= []).push(message);
}
