import { describe, expect, it } from 'vitest';
import {
  baseStringUri,
  hmacSha1Signature,
  normalizeParameters,
  parseFormPairs,
  parseOAuthHeader,
  percentEncode,
  signatureBaseString,
  type ParamPair,
} from './oauth1-signature.js';

const signedPairs = (header: string, query: string, body = ''): ParamPair[] => [
  ...parseFormPairs(query),
  ...(parseOAuthHeader(header) ?? []).filter(
    ([name]) => name !== 'realm' && name !== 'oauth_signature',
  ),
  ...parseFormPairs(body),
];

describe('RFC 5849 signatures', () => {
  it('builds the §3.4.1.1 signature base string', () => {
    const header =
      'OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7", ' +
      'oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a", ' +
      'oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"';
    const pairs = signedPairs(header, 'b5=%3D%253D&a3=a&c%40=&a2=r%20b', 'c2&a3=2+q');
    expect(normalizeParameters(pairs)).toBe(
      'a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2' +
        '&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201' +
        '&oauth_token=kkk9d7dh3k39sjv7',
    );
    expect(
      signatureBaseString('POST', baseStringUri('http', 'example.com', '/request'), pairs),
    ).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q' +
        '%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_' +
        'key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m' +
        'ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk' +
        '9d7dh3k39sjv7',
    );
  });

  it('builds §3.4.1.2 base string URIs', () => {
    expect(baseStringUri('http', 'EXAMPLE.COM:80', '/r%20v/X')).toBe('http://example.com/r%20v/X');
    expect(baseStringUri('https', 'www.example.net:8080', '/')).toBe(
      'https://www.example.net:8080/',
    );
    expect(baseStringUri('http', '127.0.0.1:3001', '')).toBe('http://127.0.0.1:3001/');
  });

  it('signs the OAuth Core 1.0 Appendix A photos.example.net request (tR3+Ty81…)', () => {
    const pairs: ParamPair[] = [
      ['file', 'vacation.jpg'],
      ['size', 'original'],
      ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
      ['oauth_token', 'nnch734d00sl2jdk'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '1191242096'],
      ['oauth_nonce', 'kllo9940pd9333jh'],
      ['oauth_version', '1.0'],
    ];
    const base = signatureBaseString(
      'GET',
      baseStringUri('http', 'photos.example.net', '/photos'),
      pairs,
    );
    expect(base).toBe(
      'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key' +
        '%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1' +
        '%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0' +
        '%26size%3Doriginal',
    );
    expect(hmacSha1Signature(base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe(
      'tR3+Ty81lMeYAr/Fid0kMTYa/WM=',
    );
  });

  it('verifies the RFC 5849 §1.2 photo request signature (MdpQcU8i…)', () => {
    const header =
      'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", ' +
      'oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", ' +
      'oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"';
    const pairs = signedPairs(header, 'file=vacation.jpg&size=original');
    const base = signatureBaseString(
      'GET',
      baseStringUri('http', 'photos.example.net', '/photos'),
      pairs,
    );
    const sent = parseOAuthHeader(header)?.find(([name]) => name === 'oauth_signature')?.[1];
    expect(hmacSha1Signature(base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe(sent);
  });

  it('percent-encodes per §3.6', () => {
    expect(percentEncode("a b!*'()~-._/+=&é")).toBe('a%20b%21%2A%27%28%29~-._%2F%2B%3D%26%C3%A9');
  });

  it('parses node-oauth style headers and rejects malformed ones', () => {
    expect(parseOAuthHeader('OAuth oauth_callback="http%3A%2F%2Fa%2Fb",oauth_nonce="x"')).toEqual([
      ['oauth_callback', 'http://a/b'],
      ['oauth_nonce', 'x'],
    ]);
    expect(parseOAuthHeader('Bearer abc')).toBeUndefined();
    expect(parseOAuthHeader('OAuth oauth_nonce=x')).toBeUndefined();
    expect(parseOAuthHeader('OAuth oauth_nonce="%E0%A4%A"')).toBeUndefined();
  });
});
