import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { showConsent } from '../consent/show-consent.js';
import { sendErrorPage } from '../core/html.js';
import { bodyParam, queryParam, sendJson, withQuery } from '../core/http.js';
import { SandboxContext } from '../core/sandbox.context.js';
import { authorizeClient, errorRedirect } from '../oauth2/authorize-client.js';
import { pkceRequest } from '../oauth2/pkce-request.js';
import { grantedScopes, parseGoogleScopes } from './google.scopes.js';

/** Google's authorization endpoint (accounts.google.com/o/oauth2/v2/auth). */
@Controller('google')
export class GoogleOAuthController {
  constructor(@Inject(SandboxContext) private readonly ctx: SandboxContext) {}

  @Get(['o/oauth2/v2/auth', 'o/oauth2/auth'])
  authorize(@Req() req: Request, @Res() res: Response): void {
    const check = authorizeClient(this.ctx, 'google', req);
    if (!check.ok) {
      return check.error === 'client_id'
        ? sendErrorPage(res, 401, 'Error 401: invalid_client', 'The OAuth client was not found.')
        : sendErrorPage(
            res,
            400,
            'Error 400: redirect_uri_mismatch',
            "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy.",
          );
    }
    const { client, redirectUri } = check;
    const state = queryParam(req, 'state');
    const issuer = `${this.ctx.url}/google`;
    const fail = errorRedirect(res, redirectUri, state, issuer);

    if (queryParam(req, 'response_type') !== 'code') {
      return fail('unsupported_response_type', 'Only response_type=code is supported.');
    }
    const scopeCheck = parseGoogleScopes(queryParam(req, 'scope'));
    if (!scopeCheck.ok) return fail('invalid_scope', scopeCheck.description);
    const pkce = pkceRequest(req);
    if (!pkce.ok) return fail('invalid_request', pkce.description);
    const accessType = queryParam(req, 'access_type') ?? 'online';
    if (accessType !== 'online' && accessType !== 'offline') {
      return fail('invalid_request', `Invalid access_type: ${accessType}`);
    }
    const scopes = grantedScopes(scopeCheck.scopes);
    const nonce = queryParam(req, 'nonce');
    showConsent(this.ctx, res, {
      provider: 'google',
      clientId: client.clientId,
      scopes: scopeCheck.scopes,
      complete: (identity) => {
        if (!identity) {
          return withQuery(redirectUri, { error: 'access_denied', state, iss: issuer });
        }
        const code = this.ctx.grants.issueCode({
          provider: 'google',
          clientId: client.clientId,
          redirectUri,
          identityKey: identity.key,
          scopes,
          codeChallenge: pkce.challenge,
          nonce,
          offline: accessType === 'offline',
        });
        return withQuery(redirectUri, {
          state,
          iss: issuer,
          code,
          scope: scopes.join(' '),
          authuser: '0',
          prompt: 'consent',
        });
      },
    });
  }

  @Post('revoke')
  async revoke(@Req() req: Request, @Res() res: Response): Promise<void> {
    if ((await this.ctx.faults.enter(res, 'google', 'revoke')).answered) return;
    const token = bodyParam(req, 'token') ?? queryParam(req, 'token');
    const grant =
      this.ctx.grants.findAccessToken('google', token) ??
      this.ctx.grants.findRefreshToken('google', token);
    if (!grant) {
      res
        .status(400)
        .json({ error: 'invalid_token', error_description: 'Token expired or revoked' });
      return;
    }
    // Revoking either token of a grant revokes both, as Google does.
    this.ctx.grants.revokeGrant(grant.grantId);
    res.status(200).json({});
  }

  @Get('.well-known/openid-configuration')
  discovery(@Res() res: Response): void {
    const base = `${this.ctx.url}/google`;
    res.json({
      issuer: base,
      authorization_endpoint: `${base}/o/oauth2/v2/auth`,
      token_endpoint: `${base}/token`,
      userinfo_endpoint: `${base}/v1/userinfo`,
      revocation_endpoint: `${base}/revoke`,
      jwks_uri: `${base}/oauth2/v3/certs`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: [
        'aud',
        'email',
        'email_verified',
        'exp',
        'family_name',
        'given_name',
        'hd',
        'iat',
        'iss',
        'locale',
        'name',
        'nonce',
        'picture',
        'sub',
      ],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      authorization_response_iss_parameter_supported: true,
    });
  }

  /** The keys Google's ID tokens are signed with (www.googleapis.com/oauth2/v3/certs). */
  @Get('oauth2/v3/certs')
  async certs(@Res() res: Response): Promise<void> {
    if ((await this.ctx.faults.enter(res, 'google', 'jwks')).answered) return;
    sendJson(res, 200, this.ctx.keys.google.jwks());
  }
}
