import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConnectionRepository } from '../connections/connection.repository.js';
import type { DataDeletionRequest } from '../connections/data-deletion-request.entity.js';
import { DisconnectFlow } from '../flows/disconnect.flow.js';
import type { ResolvedSocialOptions } from '../options/social-options.resolver.js';
import {
  type FacebookSignedRequest,
  parseFacebookSignedRequest,
  SignedRequestError,
} from '../providers/facebook-signed-request.util.js';
import type { EnabledProvider } from '../providers/provider-definition.interface.js';
import { SocialErrorCode, SocialHttpException } from '../social.exceptions.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';

/** Facebook's answer to a data-deletion callback. @publicApi */
export interface DataDeletionAnswer {
  /** Where the user can see the request's status. */
  url: string;
  confirmation_code: string;
}

/**
 * Facebook's provider-initiated callbacks (developers.facebook.com/docs/facebook-login):
 * "Deauthorize callback URL" (the user removed the app) and "Data deletion request URL" (the
 * user asked for their data to be deleted). Each carries a `signed_request`, verified with the
 * app secret; the account's connection is removed, audited as done by the provider.
 */
@Injectable()
export class ProviderCallbacks {
  constructor(
    @Inject(RESOLVED_SOCIAL_OPTIONS) private readonly options: ResolvedSocialOptions,
    private readonly disconnect: DisconnectFlow,
    private readonly connections: ConnectionRepository,
  ) {}

  /** Removes the connection of the user who removed the app. */
  async deauthorize(
    provider: EnabledProvider,
    signedRequest: unknown,
  ): Promise<{ removed: number }> {
    const request = this.verify(provider, signedRequest);
    return {
      removed: await this.disconnect.removeForProvider(provider, request.user_id, 'deauthorized'),
    };
  }

  /** Removes the user's connection and answers where its status can be seen. */
  async dataDeletion(
    provider: EnabledProvider,
    signedRequest: unknown,
  ): Promise<DataDeletionAnswer> {
    const request = this.verify(provider, signedRequest);
    const removed = await this.disconnect.removeForProvider(
      provider,
      request.user_id,
      'data_deletion',
    );
    const confirmationCode = randomBytes(16).toString('hex');
    await this.connections.auditLog()?.recordDataDeletion({
      confirmationCode,
      providerId: provider.config.id,
      status: 'completed',
      connectionsRemoved: removed,
    });
    const { appUrl, urlPrefix } = this.options;
    return {
      url: `${appUrl}${urlPrefix}/data-deletion/${provider.config.id}/${confirmationCode}`,
      confirmation_code: confirmationCode,
    };
  }

  /** The request behind a confirmation code; a 404 answer for an unknown one. */
  async deletionStatus(provider: EnabledProvider, code: string): Promise<DataDeletionRequest> {
    this.assertSupported(provider);
    const found = /^[0-9a-f]{32}$/.test(code)
      ? await this.connections.auditLog()?.findDataDeletion(code)
      : null;
    if (!found || found.providerId !== provider.config.id) {
      throw error(
        404,
        SocialErrorCode.DataDeletionNotFound,
        'No data deletion request has this confirmation code',
      );
    }
    return found;
  }

  private verify(provider: EnabledProvider, signedRequest: unknown): FacebookSignedRequest {
    this.assertSupported(provider);
    try {
      return parseFacebookSignedRequest(signedRequest, provider.config.secret);
    } catch (caught) {
      if (!(caught instanceof SignedRequestError)) throw caught;
      throw error(400, SocialErrorCode.SignedRequestInvalid, caught.message);
    }
  }

  /** Only Facebook sends these callbacks; for any other provider the routes do not exist. */
  private assertSupported(provider: EnabledProvider): void {
    if (provider.definition.id !== 'facebook') {
      throw error(
        404,
        SocialErrorCode.ProviderNotFound,
        `${provider.config.name} sends no such callback`,
      );
    }
  }
}

function error(statusCode: number, code: SocialErrorCode, message: string) {
  return new SocialHttpException({ statusCode, ok: false, code, message, redirect: '/' });
}
