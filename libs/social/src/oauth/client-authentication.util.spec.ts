import { describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  clientCredentials,
  useClientSecretBasic,
} from './client-authentication.util.js';

const client = { key: 'my app', secret: 'p@ss:w/rd+', clientAuthentication: undefined };

describe('client authentication (RFC 6749 §2.3.1)', () => {
  it('client_secret_post (the default): id and secret in the body, no header', () => {
    expect(clientCredentials(client)).toEqual({
      headers: {},
      params: { client_id: 'my app', client_secret: 'p@ss:w/rd+' },
    });
  });

  it('client_secret_basic: each part form-urlencoded, then base64; nothing in the body', () => {
    const basic = clientCredentials({ ...client, clientAuthentication: 'client_secret_basic' });
    expect(basic.params).toEqual({});
    const decoded = Buffer.from(basic.headers.authorization!.slice(6), 'base64').toString();
    expect(decoded).toBe('my+app:p%40ss%3Aw%2Frd%2B');
    expect(basicAuthorization(client)).toBe(basic.headers.authorization);
  });

  it("moves node-oauth's token request credentials into the header, and touches nothing else", () => {
    const sent: unknown[][] = [];
    const oauth2 = {
      _request: (...args: unknown[]) => sent.push(args),
      _getAccessTokenUrl: () => 'https://id.example.com/token',
    };
    useClientSecretBasic(oauth2, { ...client, clientAuthentication: 'client_secret_basic' });
    const body = 'grant_type=authorization_code&code=c&client_id=my%20app&client_secret=x';
    oauth2._request(
      'POST',
      'https://id.example.com/token',
      { 'Content-Type': 'form' },
      body,
      null,
      'cb',
    );
    oauth2._request('GET', 'https://id.example.com/userinfo', {}, '', 'token', 'cb');
    expect(sent[0]).toEqual([
      'POST',
      'https://id.example.com/token',
      { 'Content-Type': 'form', Authorization: basicAuthorization(client) },
      'grant_type=authorization_code&code=c',
      null,
      'cb',
    ]);
    expect(sent[1]).toEqual(['GET', 'https://id.example.com/userinfo', {}, '', 'token', 'cb']);
  });
});
