import type { Response } from 'express';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A complete page around `bodyHtml` (already escaped) with an escaped `title`. */
export function htmlPage(title: string, bodyHtml: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}' +
      'fieldset{margin:1rem 0}label{margin-left:.25rem}button{margin-right:.5rem;padding:.4rem 1rem}</style>',
    '</head>',
    `<body><main>${bodyHtml}</main></body>`,
    '</html>',
  ].join('\n');
}

/** Sends a page that must never be cached, framed or sniffed. */
export function sendHtml(res: Response, status: number, html: string): void {
  res.status(status);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // No form-action directive: browsers apply it to the redirect back to the app.
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'",
  );
  res.type('html').send(html);
}

/** An error page, the way providers answer a bad authorization request they must not redirect. */
export function sendErrorPage(res: Response, status: number, title: string, message: string): void {
  const body = `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`;
  sendHtml(res, status, htmlPage(title, body));
}
