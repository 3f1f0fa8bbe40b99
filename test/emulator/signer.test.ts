// The S3 signer is real SigV4: it verifies AWS's own published presigned-URL example, and rejects a tampered one.
import { describe, expect, it } from 'vitest';
import { S3Signer } from './signer';

// "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", Amazon S3 API reference example.
const AWS_EXAMPLE =
  'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
  '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
  '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
  '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
const signer = new S3Signer('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AKIAIOSFODNN7EXAMPLE');
const host = { host: 'examplebucket.s3.amazonaws.com' };

describe('S3Signer against the AWS documentation example', () => {
  it('accepts the published signature within its lifetime', async () => {
    expect(await signer.verify('GET', new URL(AWS_EXAMPLE), host, new Date('2013-05-24T12:00:00Z'))).toEqual({ ok: true });
  });

  it('refuses it after its lifetime, and with any other method, path or host', async () => {
    expect(await signer.verify('GET', new URL(AWS_EXAMPLE), host, new Date('2013-05-25T00:00:01Z'))).toMatchObject({ ok: false, code: 'AccessDenied', message: 'Request has expired' });
    const at = new Date('2013-05-24T12:00:00Z');
    expect(await signer.verify('PUT', new URL(AWS_EXAMPLE), host, at)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    expect(await signer.verify('GET', new URL(AWS_EXAMPLE.replace('/test.txt', '/other.txt')), host, at)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    expect(await signer.verify('GET', new URL(AWS_EXAMPLE), { host: 'evil.example.com' }, at)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    expect(await new S3Signer('another-secret', 'AKIAIOSFODNN7EXAMPLE').verify('GET', new URL(AWS_EXAMPLE), host, at)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
  });
});
