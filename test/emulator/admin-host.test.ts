// The emulator's admin routes refuse a non-loopback Host header: a DNS-rebinding page cannot reconfigure it.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackHostHeader } from './admin';
import { startEmulator, type RunningEmulator } from './index';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ rateLimit: null });
});
afterAll(async () => emu?.close());

function get(path: string, host: string): Promise<number> {
  const u = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('admin routes and the Host header', () => {
  it('answers a loopback Host, refuses a rebinding page\'s', async () => {
    expect(await get('/__admin/seed', `127.0.0.1:${new URL(emu.url).port}`)).toBe(200);
    expect(await get('/__admin/seed', `localhost:${new URL(emu.url).port}`)).toBe(200);
    expect(await get('/__admin/seed', `evil.example:${new URL(emu.url).port}`)).toBe(403);
    expect(await get('/__admin/faults', 'attacker.test')).toBe(403);
  });

  it('reads the host name from the header, with or without a port', () => {
    expect(loopbackHostHeader('[::1]:8080')).toBe(true);
    expect(loopbackHostHeader('127.0.0.2')).toBe(true);
    expect(loopbackHostHeader('127.0.0.1.evil.example')).toBe(false);
    expect(loopbackHostHeader('localhost.evil.example:80')).toBe(false);
    expect(loopbackHostHeader(undefined)).toBe(false);
  });
});
