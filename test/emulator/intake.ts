// Turns uploaded tmp/ keys into workspace documents: key checks, format sniffing, per-workspace sha256 dedup.
import { rename, rm, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Env } from './context';
import { validationError } from './http-util';
import { sniffFile, SUPPORTED_FORMATS_MESSAGE, type SniffedFormat } from './sniff';
import type { DocumentRec, TmpObject } from './state';

export interface ResolvedKey {
  tmp: TmpObject;
  format: SniffedFormat;
}

/** `short-key-lifetime`: an uploaded key is refused as expired this long after its upload (§15.3 leaves it open). */
export const SHORT_KEY_LIFETIME_SECONDS = 5;

/** Why a key cannot be used, in the words of the reading being played, or null when it can. */
function keyRefusal(env: Env, key: string, tmp: TmpObject | undefined, now: number, field: string): string | null {
  const plain = `The ${field} is invalid: no uploaded object for this key (it may have expired or already been used).`;
  if (!env.world.issuedKeys.has(key) || !tmp) return plain;
  // consumed-keys words a spent key as Laravel's `exists` rule does.
  if (tmp.consumed) return env.variants.has('consumed-keys') ? `The selected ${field} is invalid.` : plain;
  if (env.variants.has('short-key-lifetime') && now - tmp.uploadedAt > SHORT_KEY_LIFETIME_SECONDS * 1000) return `The ${field} has expired.`;
  return now - tmp.uploadedAt > env.tmpKeyLifetimeSeconds * 1000 ? plain : null;
}

/** Where the keys of a request would become documents (consumed-keys spends the good ones of a refused request there). */
export interface SpendTarget {
  workspaceId: number;
  filename: string | null;
}

/**
 * Checks every key before touching any (a request with one bad key changes nothing). A key is
 * invalid if it was never issued, never uploaded, already consumed, or older than the tmp lifetime.
 * With `consumed-keys` there is no transaction: the good keys of a refused request were already turned into
 * workspace documents (in `spendIn`, not attached anywhere) before the 422, so they are spent too.
 */
export async function resolveKeys(env: Env, keys: string[], field: (i: number) => string, now: number, spendIn?: SpendTarget): Promise<ResolvedKey[]> {
  const errors: Record<string, string[]> = {};
  const out: ResolvedKey[] = [];
  const seen = new Set<string>();
  for (const [i, key] of keys.entries()) {
    const tmp = env.world.tmp.get(key);
    if (seen.has(key)) {
      errors[field(i)] = [`The ${field(i)} field has a duplicate value.`];
      continue;
    }
    seen.add(key);
    const refusal = keyRefusal(env, key, tmp, now, field(i));
    if (refusal !== null || !tmp) {
      errors[field(i)] = [refusal ?? `The ${field(i)} is invalid.`];
      continue;
    }
    const format = await sniffFile(tmp.path);
    if (!format) {
      errors[field(i)] = [SUPPORTED_FORMATS_MESSAGE];
      continue;
    }
    out.push({ tmp, format });
  }
  if (Object.keys(errors).length) {
    if (spendIn && env.variants.has('consumed-keys')) await spend(env, out, spendIn, now);
    throw validationError(errors);
  }
  return out;
}

/** consumed-keys: the good keys of a refused request become workspace documents all the same (no transaction). */
async function spend(env: Env, good: ResolvedKey[], where: SpendTarget, now: number): Promise<void> {
  for (const r of good) {
    if (r.tmp.consumed || env.world.tmp.get(r.tmp.key)?.consumed) continue;
    r.tmp.consumed = true;
    const current = env.world.tmp.get(r.tmp.key);
    if (current) current.consumed = true;
    await materialize(env, r, where.workspaceId, where.filename, now);
  }
}

/** Marks every key consumed at once (no await since the check), so a key is only ever used by one request. */
export function claim(env: Env, resolved: ResolvedKey[], field: (i: number) => string): void {
  const errors: Record<string, string[]> = {};
  resolved.forEach((r, i) => {
    // A PUT that finished since resolving replaced the entry; the key is consumed if either one was.
    if (r.tmp.consumed || env.world.tmp.get(r.tmp.key)?.consumed) {
      errors[field(i)] = [`The ${field(i)} is invalid: no uploaded object for this key (it may have expired or already been used).`];
    }
  });
  if (Object.keys(errors).length) throw validationError(errors);
  for (const r of resolved) {
    r.tmp.consumed = true;
    const current = env.world.tmp.get(r.tmp.key);
    if (current) current.consumed = true;
  }
}

/** Consumes a resolved key: reuses the workspace document with the same sha256, or creates one. */
export async function materialize(env: Env, r: ResolvedKey, workspaceId: number, filename: string | null, now: number): Promise<{ doc: DocumentRec; reused: boolean }> {
  // The lookup and the creation happen with no await in between, so concurrent uploads of the same bytes dedup.
  const existing = env.world.findBySha(workspaceId, r.tmp.sha256);
  if (existing) {
    await rm(r.tmp.path, { force: true });
    return { doc: existing, reused: true };
  }
  const dir = join(env.dataDir, 'documents');
  const uuid = r.tmp.key.replace(/^tmp\//, '');
  const path = join(dir, `${uuid}.${r.format.ext}`);
  const doc = env.world.createDocument(
    {
      workspaceId,
      // Key-only uploads carry no name (§15.4): the emulator names them `<uuid>.<ext>` from the sniffed format.
      filename: filename ?? `${uuid}.${r.format.ext}`,
      mime: r.format.mime,
      size: r.tmp.size,
      sha256: r.tmp.sha256,
      path,
      createdAt: now,
    },
    now,
  );
  await mkdir(dir, { recursive: true });
  await rename(r.tmp.path, path);
  return { doc, reused: false };
}
