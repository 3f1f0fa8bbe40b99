// The workspace side of the upload: find a document by sha256 before uploading, and create a named document from a key.
import { ApiError } from '../api/api-error';
import { FORMAT_MIME } from '../intake/formats';
import type { NoticeCode } from '../../../shared/queue';
import type { DocShas } from './doc-sha';
import type { DocLike } from './doc-status';
import type { EngineEvents } from './events';
import { mapLimit } from '../map-limit';
import { keyRefusal } from './refusals';
import type { Runtime } from './runtime';
import type { Work } from './work';

/**
 * Files at least this large are looked up in the workspace by sha256 before they are uploaded. The lookup is one API
 * call, and calls are the scarce resource (100 a minute, docs/engine.md "Workspace lookup"): under the limit one call
 * costs 0.63 s of budget, which uploading 4 MiB takes on a 50 Mbit/s uplink. Below that, uploading is as cheap as asking.
 */
export const LOOKUP_MIN_BYTES = 4 * 1024 * 1024;
/** Workspace documents created at once within one attach call's batch. */
const CREATE_CONCURRENCY = 4;

export interface CreatedNamed {
  /** Items whose created document holds other content than was hashed: they must not be attached. */
  wrong: Work[];
  /** Items whose key Raydocs refused as unknown, consumed or expired (with its words): the key is gone, not the file. */
  gone: Array<{ work: Work; why: string }>;
  /** Items whose lookup or create failed otherwise (a 5xx, a timeout…): each one's own error, for its retry policy. */
  failed: Array<{ work: Work; err: unknown }>;
}

export interface WorkspaceDocs {
  /** The workspace's document with this content, or null (also when the token cannot read workspace documents). */
  findBySha(workspaceId: number, sha256: string): Promise<DocLike | null>;
  /** Whether `w` should be looked up before it is uploaded. */
  worthLookingUp(w: Work): boolean;
  /**
   * Turns each uploaded key into a workspace document named after its file (the session upload call takes no name).
   * Sets `documentId` (and `reused`) and clears `key` on success. A 403 turns the path off for the rest of the run, with
   * one notice; the items keep their keys for the key-only attach. Other errors are each item's own (`failed`): one
   * file's failed create does not hold back the others of the call, nor spend their retries.
   * Returns the items whose document holds other content, those whose key was refused as gone, and those that failed.
   * `mayExist(w)`: an earlier try may have created it (a crash or a lost answer), so it is looked up by sha256 first.
   */
  createNamed(workspaceId: number, items: Work[], mayExist: (w: Work) => boolean): Promise<CreatedNamed>;
}

export function createWorkspaceDocs(rt: Runtime, events: Pick<EngineEvents, 'emit'>, shas: Pick<DocShas, 'withSha'>): WorkspaceDocs {
  const off = { lookup: false, names: false };
  /** A 403 turns a path off for the rest of the run, said once however many calls were refused. */
  const switchOff = (path: keyof typeof off, code: NoticeCode, message: string): void => {
    if (off[path]) return;
    off[path] = true;
    events.emit({ type: 'notice', code, message });
  };

  const forbidden = (err: unknown): boolean => err instanceof ApiError && err.status === 403;

  const findBySha = async (workspaceId: number, sha256: string): Promise<DocLike | null> => {
    if (off.lookup) return null;
    try {
      const page = await rt.client.listWorkspaceDocuments(workspaceId, { query: sha256, per_page: 10 });
      // `query` also matches file names, and a list may leave sha256 out: compare the content itself.
      return (await shas.withSha(workspaceId, page.data)).find((d) => d.sha256 === sha256) ?? null;
    } catch (err) {
      if (!forbidden(err)) throw err;
      switchOff('lookup', 'workspace-lookup-off', 'Files already in the workspace are uploaded again: the token lacks the documents-read ability, so Raydocs cannot be asked what it holds.');
      return null;
    }
  };

  return {
    findBySha,
    worthLookingUp: (w) => !off.lookup && w.item.target.kind === 'session' && w.item.size >= LOOKUP_MIN_BYTES,
    async createNamed(workspaceId, items, mayExist) {
      const wrong: Work[] = [];
      const gone: CreatedNamed['gone'] = [];
      const failed: CreatedNamed['failed'] = [];
      // A few at a time: one create per file is the two-call path's extra cost, so it must not also be serial.
      await mapLimit(items, CREATE_CONCURRENCY, async (w) => {
        if (off.names || !rt.keepFileNames || !w.key) return;
        try {
          // After a crash or a lost answer the create may have happened: find it by content instead of creating twice.
          const known = mayExist(w) && w.sha256 ? await findBySha(workspaceId, w.sha256) : null;
          if (known) {
            w.documentId = known.id;
            w.key = null;
            return;
          }
          const { document, reused } = await rt.client.createWorkspaceDocument(workspaceId, { key: w.key!, filename: w.item.name, mime: FORMAT_MIME[w.item.format] });
          w.key = null;
          if (document.sha256 && document.sha256 !== w.sha256) {
            wrong.push(w);
            return;
          }
          w.documentId = document.id;
          w.reused = reused ? 'on-create' : null;
        } catch (err) {
          if (keyRefusal(err, 'key')) {
            gone.push({ work: w, why: err instanceof Error ? err.message : String(err) });
            return;
          }
          if (!forbidden(err)) {
            failed.push({ work: w, err });
            return;
          }
          switchOff('names', 'filenames-not-kept', 'Raydocs may show generated names instead of your file names: the token lacks the documents-write ability. Uploads go on; add documents-write to the token to keep names.');
        }
      });
      return { wrong, gone, failed };
    },
  };
}
