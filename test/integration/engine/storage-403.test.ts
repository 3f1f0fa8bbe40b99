// A storage 403 is an expired URL only when S3 says so: SignatureDoesNotMatch gets one fresh URL, then fails with S3's words.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './harness';

let h: Harness;
let storage: Server;
let puts = 0;
let storageUrl = '';

beforeAll(async () => {
  storage = createServer((req, res) => {
    puts++;
    req.resume();
    req.on('end', () => {
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>');
    });
  });
  await new Promise<void>((r) => storage.listen(0, '127.0.0.1', r));
  storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}/bucket/key?X-Amz-Signature=abc`;
  h = await harness();
  const real = h.client.signedStorageUrl.bind(h.client);
  h.client.signedStorageUrl = async (...args: Parameters<typeof real>) => ({ ...(await real(...args)), url: storageUrl });
});
afterAll(async () => {
  await h?.close();
  storage.closeAllConnections();
  await new Promise((r) => storage.close(r));
});

describe('storage 403 that is not "expired"', () => {
  it('fails the item after at most 2 PUTs, with S3\'s words, instead of looping on fresh URLs', async () => {
    const engine = h.newEngine();
    await engine.add([h.makeFiles(1)], h.target);
    const end = Date.now() + 20_000;
    for (;;) {
      const item = engine.snapshot().items[0];
      if (item?.state.status === 'failed') {
        expect(item.state.error.message).toContain('SignatureDoesNotMatch: The request signature we calculated does not match');
        expect(item.state.error.message).not.toContain('X-Amz-Signature');
        break;
      }
      if (Date.now() > end) throw new Error(`still ${item?.state.status} after ${puts} PUTs`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(puts).toBeLessThanOrEqual(2);
    expect(puts).toBeGreaterThanOrEqual(1);
  });
});
