// Helpers shared by the emulator's own tests: JSON API calls and a signed-URL + PUT upload.
import type { RunningEmulator } from './types';

export interface ApiReply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary JSON
}

export async function api(emu: RunningEmulator, method: string, path: string, body?: unknown, token: string | null = emu.token): Promise<ApiReply> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${emu.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, headers: res.headers, body: !text ? null : json ? JSON.parse(text) : text };
}

export async function signedUrl(emu: RunningEmulator, contentType = 'application/pdf'): Promise<{ key: string; url: string; headers: Record<string, string> }> {
  const r = await api(emu, 'POST', '/vapor/signed-storage-url', { content_type: contentType });
  if (r.status !== 200) throw new Error(`signed-storage-url answered ${r.status}`);
  return r.body;
}

/** Gets a presigned URL and PUTs the bytes with the returned headers; returns the tmp key. */
export async function upload(emu: RunningEmulator, bytes: Uint8Array<ArrayBuffer>, contentType = 'application/pdf'): Promise<string> {
  const s = await signedUrl(emu, contentType);
  const res = await fetch(s.url, { method: 'PUT', headers: s.headers, body: bytes });
  if (res.status !== 200) throw new Error(`S3 PUT answered ${res.status}: ${await res.text()}`);
  return s.key;
}

export const pdf = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF\n`);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value or the deadline passes (for clock-driven statuses). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(25);
  }
}
