import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { showConsent } from '../consent/show-consent.js';
import { sendErrorPage } from '../core/html.js';
import { bodyParam, queryParam, sendJson, withQuery } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { authorizeClient, errorRedirect, splitScopes } from '../oauth2/authorize-client.js';
import { pkceRequest } from '../oauth2/pkce-request.js';
import { authenticateTokenClient } from '../oauth2/token-client.js';
import { OIDC_PATH, OIDC_SCOPES, oidcMetadata } from './oidc.metadata.js';

/**
 * A generic OpenID Connect issuer (Keycloak-shaped paths): discovery, the JWKS, the
 * authorization endpoint and RFC 7009 revocation. Token and userinfo are beside it.
 */
@Controller(OIDC_PATH)
export class OidcOAuthController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get('.well-known/openid-configuration')
  discovery(@Res() res: Response): void {
    sendJson(res, 200, oidcMetadata(this.issuer));
  }

  @Get('protocol/openid-connect/certs')
  async certs(@Res() res: Response): Promise<void> {
    if ((await this.ctx.faults.enter(res, 'oidc', 'jwks')).answered) return;
    sendJson(res, 200, this.ctx.keys.oidc.jwks());
  }

  @Get('protocol/openid-connect/auth')
  authorize(@Req() req: Request, @Res() res: Response): void {
    const check = authorizeClient(this.ctx, 'oidc', req);
    if (!check.ok) {
      return sendErrorPage(
        res,
        400,
        check.error === 'client_id' ? 'Client not found' : 'Invalid parameter: redirect_uri',
        'We are sorry... the application could not be identified.',
      );
    }
    const { client, redirectUri } = check;
    const state = queryParam(req, 'state');
    const issuer = this.issuer;
    const fail = errorRedirect(res, redirectUri, state, issuer);

    if (queryParam(req, 'response_type') !== 'code') {
      return fail('unsupported_response_type', 'Only response_type=code is supported.');
    }
    const scopes = splitScopes(queryParam(req, 'scope'));
    // OIDC Core §3.1.2.1: without `openid` this is not an OpenID Connect request.
    if (!scopes.includes('openid')) return fail('invalid_scope', 'The scope must include openid.');
    const unknown = scopes.filter((scope) => !OIDC_SCOPES.includes(scope));
    if (unknown.length > 0) return fail('invalid_scope', `Invalid scopes: ${unknown.join(' ')}`);
    const pkce = pkceRequest(req);
    if (!pkce.ok) return fail('invalid_request', pkce.description);
    const nonce = queryParam(req, 'nonce');
    showConsent(this.ctx, res, {
      provider: 'oidc',
      clientId: client.clientId,
      scopes,
      complete: (identity) => {
        if (!identity)
          return withQuery(redirectUri, { error: 'access_denied', state, iss: issuer });
        const code = this.ctx.grants.issueCode({
          provider: 'oidc',
          clientId: client.clientId,
          redirectUri,
          identityKey: identity.key,
          scopes,
          codeChallenge: pkce.challenge,
          nonce,
          offline: scopes.includes('offline_access'),
        });
        return withQuery(redirectUri, { state, iss: issuer, code });
      },
    });
  }

  /** RFC 7009: the client authenticates; an unknown or foreign token is answered 200 all the same (§2.2). */
  @Post('protocol/openid-connect/revoke')
  async revoke(@Req() req: Request, @Res() res: Response): Promise<void> {
    if ((await this.ctx.faults.enter(res, 'oidc', 'revoke')).answered) return;
    const client = authenticateTokenClient(this.ctx, 'oidc', req, res);
    if (!client) return;
    const token = bodyParam(req, 'token');
    if (!token) {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'Missing token' });
    }
    const grant =
      this.ctx.grants.findRefreshToken('oidc', token) ??
      this.ctx.grants.findAccessToken('oidc', token);
    if (grant?.clientId === client.clientId) this.ctx.grants.revokeGrant(grant.grantId);
    res.status(200).setHeader('Cache-Control', 'no-store');
    res.end();
  }

  private get issuer(): string {
    return `${this.ctx.url}/${OIDC_PATH}`;
  }
}
