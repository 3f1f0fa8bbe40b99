// Stable codes beside the intake's words for a refused file (docs/cli.md): scripts branch on the code, people read the reason.
import { REFUSAL_CODES, type Refusal, type RefusalCode } from '../../shared/queue';

export { REFUSAL_CODES, type RefusalCode };

/** Intake gives each refusal its code; this keeps the JSON's key order (path, reason, code) whatever built it. */
export type CodedRefusal = Refusal;

export function withCode(r: Refusal): CodedRefusal {
  return { path: r.path, reason: r.reason, code: r.code };
}
