import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { showConsent } from '../consent/show-consent.js';
import { sendErrorPage } from '../core/html.js';
import { bodyParam, queryParam, sendForm, sendJson, withQuery } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { authorizeClient, errorRedirect, splitScopes } from '../oauth2/authorize-client.js';
import { exchangeCode } from '../oauth2/code-exchange.js';
import { pkceRequest } from '../oauth2/pkce-request.js';
import { authenticateTokenClient } from '../oauth2/token-client.js';

/** GitHub's tokens never expire (OAuth apps) and come with no refresh token. */
const TOKEN_PREFIX = 'gho_';
// A day keeps a long-running sandbox bounded.
const TOKEN_TTL_MS = 24 * 60 * 60_000;

/**
 * GitHub's OAuth app web flow: github.com/login/oauth/authorize and /access_token. Its quirks:
 * errors of the token endpoint come with HTTP 200, and the answer is form-encoded unless the
 * client asks for JSON.
 */
@Controller('github')
export class GithubOAuthController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get('login/oauth/authorize')
  authorize(@Req() req: Request, @Res() res: Response): void {
    const check = authorizeClient(this.ctx, 'github', req);
    if (!check.ok) {
      return sendErrorPage(
        res,
        404,
        'Not Found',
        'The redirect_uri is not associated with this application.',
      );
    }
    const { client, redirectUri } = check;
    const state = queryParam(req, 'state');
    const pkce = pkceRequest(req);
    if (!pkce.ok)
      return errorRedirect(res, redirectUri, state)('invalid_request', pkce.description);
    // GitHub takes scopes separated by spaces or commas.
    const scopes = splitScopes(queryParam(req, 'scope'));
    showConsent(this.ctx, res, {
      provider: 'github',
      clientId: client.clientId,
      scopes,
      complete: (identity) => {
        if (!identity) {
          return withQuery(redirectUri, {
            error: 'access_denied',
            error_description: 'The user has denied your application access.',
            state,
          });
        }
        const code = this.ctx.grants.issueCode({
          provider: 'github',
          clientId: client.clientId,
          redirectUri,
          identityKey: identity.key,
          scopes,
          codeChallenge: pkce.challenge,
        });
        return withQuery(redirectUri, { code, state });
      },
    });
  }

  @Post('login/oauth/access_token')
  async token(@Req() req: Request, @Res() res: Response): Promise<void> {
    const json = (req.headers.accept ?? '').includes('application/json');
    const answer = (fields: Record<string, string>) =>
      json ? sendJson(res, 200, fields) : sendForm(res, 200, fields);
    const badCode = (r: Response) =>
      (json ? sendJson : sendForm)(r, 200, {
        error: 'bad_verification_code',
        error_description: 'The code passed is incorrect or expired.',
      });
    const fault = await this.ctx.faults.enter(res, 'github', 'token', {
      invalid_grant: badCode,
      no_access_token: (r) => sendJson(r, 200, {}),
    });
    if (fault.answered) return;
    const client = authenticateTokenClient(this.ctx, 'github', req, res, {
      refuse: () =>
        answer({
          error: 'incorrect_client_credentials',
          error_description: 'The client_id and/or client_secret passed are incorrect.',
        }),
    });
    if (!client) return;
    const exchange = exchangeCode(this.ctx.grants, 'github', client, {
      code: bodyParam(req, 'code'),
      redirectUri: bodyParam(req, 'redirect_uri'),
      codeVerifier: bodyParam(req, 'code_verifier'),
      fault: fault.kind,
    });
    if (!exchange.ok) {
      return exchange.failure === 'redirect_mismatch'
        ? answer({
            error: 'redirect_uri_mismatch',
            error_description:
              'The redirect_uri MUST match the registered callback URL for this application.',
          })
        : badCode(res);
    }
    const grant = this.ctx.grants.tokenGrantOf(exchange);
    const accessToken = this.ctx.grants.issueAccessToken(grant, TOKEN_TTL_MS, TOKEN_PREFIX);
    answer({ access_token: accessToken, scope: grant.scopes.join(','), token_type: 'bearer' });
  }
}
