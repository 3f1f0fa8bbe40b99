// Shared steps for the contract tests: upload bytes through a presigned URL (as the engine will) and poll.
import { createHash, randomUUID } from 'node:crypto';
import { request } from 'undici';
import { expect } from 'vitest';
import type { RaydocsClient } from '../../../electron/core/api/client';
import { ApiError } from '../../../electron/core/api/api-error';
import { putHeaders } from '../../../electron/core/engine';
import type { SignedStorageUrl } from '../../../shared/api';

/** A tiny file the emulator sniffs as PDF; the label makes its sha256 unique. */
export function pdfBytes(label = randomUUID()): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << >> endobj\n%%EOF\n`);
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The S3 PUT: the returned headers as the engine sends them (putHeaders: the URL decides Host), never the API token. */
export async function putObject(signed: SignedStorageUrl, bytes: Buffer): Promise<void> {
  const res = await request(signed.url, { method: 'PUT', headers: putHeaders(signed.headers, bytes.length), body: bytes });
  const text = await res.body.text();
  expect(res.statusCode, text).toBe(200);
}

export async function uploadKey(client: RaydocsClient, bytes: Buffer, contentType = 'application/pdf'): Promise<string> {
  const signed = await client.signedStorageUrl({ content_type: contentType });
  await putObject(signed, bytes);
  return signed.key;
}

export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`poll timed out; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function apiFailure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail with an ApiError');
}

export const CONFIG_HASH = 'c'.repeat(64);
