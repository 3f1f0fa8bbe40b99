// Stable codes beside the intake's words for a refused file (docs/cli.md): scripts branch on the code, people read the reason.
import type { Refusal } from '../../shared/queue';

export type RefusalCode = 'unsupported-format' | 'empty' | 'too-large' | 'unreadable' | 'not-regular' | 'content-mismatch' | 'refused';

export const REFUSAL_CODES: readonly RefusalCode[] = ['unsupported-format', 'empty', 'too-large', 'unreadable', 'not-regular', 'content-mismatch', 'refused'];

export interface CodedRefusal extends Refusal {
  code: RefusalCode;
}

/**
 * The code for an intake reason. The intake (electron/core/intake) words its reasons from a fixed set of openings
 * ("unsupported format", "empty file", "too large", "unreadable: …", "not a PDF …"); refusal-codes.test.ts holds one
 * case per opening, so a reworded reason shows up there and not in scripts.
 */
export function refusalCode(reason: string): RefusalCode {
  if (reason.startsWith('unsupported format')) return 'unsupported-format';
  if (reason === 'empty file') return 'empty';
  if (reason.startsWith('too large')) return 'too-large';
  if (reason === 'unreadable: not a regular file' || reason === 'unreadable: is a folder') return 'not-regular';
  if (reason.startsWith('unreadable')) return 'unreadable';
  if (reason.startsWith('not ') || reason.startsWith('This is ')) return 'content-mismatch';
  return 'refused';
}

export function withCode(r: Refusal): CodedRefusal {
  return { path: r.path, reason: r.reason, code: refusalCode(r.reason) };
}
