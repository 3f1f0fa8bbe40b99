// AWS SigV4 query presigning and verification for the emulator's S3 endpoint, with the real smithy signer.
import { timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';

const REGION = 'us-east-1';
const SERVICE = 's3';
export const ACCESS_KEY_ID = 'AKIAEMULATOR00000000';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface PresignInput {
  origin: URL; // http://127.0.0.1:PORT
  path: string; // /s3/bucket/tmp/uuid
  contentType: string;
  expiresIn: number;
  now?: Date;
  /** More headers the PUT must carry with these values (signed, not hoisted into the query), e.g. `x-amz-acl`. */
  extraSignedHeaders?: Record<string, string>;
}

export type VerifyOutcome =
  | { ok: true }
  | { ok: false; status: number; code: string; message: string; extra?: Record<string, string> };

export class S3Signer {
  private readonly signer: SignatureV4;

  constructor(
    secretAccessKey: string,
    private readonly accessKeyId = ACCESS_KEY_ID,
  ) {
    this.signer = new SignatureV4({
      credentials: { accessKeyId, secretAccessKey },
      region: REGION,
      service: SERVICE,
      sha256: Sha256,
      uriEscapePath: false, // S3 signs the path as sent, without double-encoding
    });
  }

  async presign(input: PresignInput): Promise<string> {
    const signed = await this.signer.presign(
      {
        method: 'PUT',
        protocol: input.origin.protocol,
        hostname: input.origin.hostname,
        port: Number(input.origin.port),
        path: input.path,
        query: {},
        headers: {
          host: input.origin.host,
          'content-type': input.contentType,
          ...input.extraSignedHeaders,
          'x-amz-content-sha256': UNSIGNED_PAYLOAD,
        },
      },
      {
        expiresIn: input.expiresIn,
        signingDate: input.now ?? new Date(),
        unhoistableHeaders: new Set(['content-type', ...Object.keys(input.extraSignedHeaders ?? {})]),
      },
    );
    const url = new URL(input.path, input.origin);
    for (const [k, v] of Object.entries(signed.query ?? {})) {
      if (typeof v === 'string') url.searchParams.set(k, v);
    }
    return url.toString();
  }

  /**
   * Checks a presigned PUT as S3 would: parameters present, credential known, not expired,
   * every x-amz-* header signed, and the signature recomputed over the signed headers as received.
   */
  async verify(method: string, url: URL, headers: Record<string, string | string[] | undefined>, now: Date): Promise<VerifyOutcome> {
    const q = url.searchParams;
    const algorithm = q.get('X-Amz-Algorithm');
    const credential = q.get('X-Amz-Credential');
    const amzDate = q.get('X-Amz-Date');
    const expires = q.get('X-Amz-Expires');
    const signedHeaders = q.get('X-Amz-SignedHeaders');
    const signature = q.get('X-Amz-Signature');
    if (!algorithm || !credential || !amzDate || !expires || !signedHeaders || !signature) {
      return denied('Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.');
    }
    if (algorithm !== 'AWS4-HMAC-SHA256') {
      return { ok: false, status: 400, code: 'AuthorizationQueryParametersError', message: 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"' };
    }
    const [keyId, shortDate, region, service, terminator] = credential.split('/');
    if (keyId !== this.accessKeyId) {
      return { ok: false, status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
    }
    const signingDate = parseAmzDate(amzDate);
    const expiresIn = Number(expires);
    if (!signingDate || !Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > 604800 || shortDate !== amzDate.slice(0, 8) || region !== REGION || service !== SERVICE || terminator !== 'aws4_request') {
      return { ok: false, status: 400, code: 'AuthorizationQueryParametersError', message: 'Error parsing the X-Amz-Credential, X-Amz-Date or X-Amz-Expires parameter.' };
    }
    if (now.getTime() > signingDate.getTime() + expiresIn * 1000) {
      return denied('Request has expired', { 'X-Amz-Expires': expires, Expires: new Date(signingDate.getTime() + expiresIn * 1000).toISOString(), ServerTime: now.toISOString() });
    }
    if (signingDate.getTime() - now.getTime() > 15 * 60 * 1000) {
      return denied('Request is not valid yet');
    }
    const signedList = signedHeaders.split(';');
    if (!signedList.includes('host')) {
      return denied('Host must be a signed header.');
    }
    const unsignedAmz = Object.keys(headers).filter((h) => h.startsWith('x-amz-') && !signedList.includes(h));
    if (unsignedAmz.length > 0) {
      return denied('There were headers present in the request which were not signed', { HeadersNotSigned: unsignedAmz.join(', ') });
    }
    // Rebuild the request the signer saw: the signed headers as received, the other query parameters as sent.
    const signedHeaderValues: Record<string, string> = {};
    for (const h of signedList) {
      const v = headers[h];
      if (v === undefined) return mismatch();
      signedHeaderValues[h] = Array.isArray(v) ? v.join(',') : v;
    }
    // The query as sent (minus the signature); the payload hash of a presigned request is UNSIGNED-PAYLOAD
    // unless the URL carries its own. It is fed to the signer as an unhoisted, unsigned header.
    const query: Record<string, string> = {};
    let payloadHash = UNSIGNED_PAYLOAD;
    for (const [k, v] of q) {
      if (k === 'X-Amz-Signature') continue;
      query[k] = v;
      if (k.toLowerCase() === 'x-amz-content-sha256') payloadHash = v;
    }
    const expected = await this.signer.presign(
      {
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        query,
        headers: { ...signedHeaderValues, 'x-amz-content-sha256': payloadHash },
      },
      {
        expiresIn,
        signingDate,
        unhoistableHeaders: new Set([...signedList, 'x-amz-content-sha256']),
        unsignableHeaders: new Set(['x-amz-content-sha256']),
        signableHeaders: new Set(signedList),
      },
    );
    const want = String(expected.query?.['X-Amz-Signature'] ?? '');
    const wantSigned = String(expected.query?.['X-Amz-SignedHeaders'] ?? '');
    if (wantSigned !== signedHeaders || !safeEqual(want, signature)) return mismatch();
    return { ok: true };
  }
}

function denied(message: string, extra?: Record<string, string>): VerifyOutcome {
  return { ok: false, status: 403, code: 'AccessDenied', message, ...(extra ? { extra } : {}) };
}

function mismatch(): VerifyOutcome {
  return {
    ok: false,
    status: 403,
    code: 'SignatureDoesNotMatch',
    message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseAmzDate(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}
