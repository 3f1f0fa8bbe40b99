// The words of the bulk actions' questions, one place for main's native box (tray, menu) and the window's own dialog.
import { isTerminal, type QueueItem, type Target } from './queue';

/** A count and its noun: "1 file", "42 files" (the number in the person's locale when one is given). */
export function countOf(n: number, noun: string, locale?: string): string {
  return `${n.toLocaleString(locale)} ${noun}${n === 1 ? '' : 's'}`;
}

/** Where a target sends files, as a person names it: "March invoices · Acme Finance", "new sessions (Invoices)". */
export function destinationOf(target: Target, workspaceName: string | null): string {
  const where = target.kind === 'session' ? target.sessionName : `new sessions (${target.templateName})`;
  return workspaceName ? `${where} · ${workspaceName}` : where;
}

export interface CancelAllWords {
  count: number;
  message: string;
  detail: string;
  /** [confirm, keep]: the confirm button says what it does. */
  buttons: [string, string];
}

/** Null when nothing is left to cancel. `batchId`: one batch's files only. */
export function cancelAllWords(
  items: readonly QueueItem[],
  workspaceName: (workspaceId: number) => string | null,
  opts: { batchId?: string; locale?: string } = {},
): CancelAllWords | null {
  const byDestination = new Map<string, number>();
  let count = 0;
  for (const item of items) {
    if (isTerminal(item.state) || (opts.batchId !== undefined && item.batchId !== opts.batchId)) continue;
    count++;
    const where = destinationOf(item.target, workspaceName(item.target.workspaceId));
    byDestination.set(where, (byDestination.get(where) ?? 0) + 1);
  }
  if (count === 0) return null;
  const files = countOf(count, 'file', opts.locale);
  const places = [...byDestination.keys()];
  const going = places.length === 1 ? places[0] : `${places.length.toLocaleString(opts.locale)} places`;
  const list = places.length === 1 ? '' : `${places.slice(0, 5).map((p) => `${p}: ${countOf(byDestination.get(p) ?? 0, 'file', opts.locale)}`).join('\n')}${places.length > 5 ? '\n…' : ''}\n`;
  return {
    count,
    message: `Cancel ${files} going to ${going}?`,
    detail: `${list}Files already stored stay in Raydocs. You can retry cancelled files later.`,
    buttons: [`Cancel ${files}`, 'Keep uploading'],
  };
}
