// Turns one queue item's state into what its row shows: words (item-words.ts), icon, progress, and which actions apply.
import { assertNever } from '../../../shared/assert-never';
import { judgeStored, type ParseKind } from '../../../shared/parse-state';
import type { ItemState, ParsingSummary, QueueItem } from '../../../shared/queue';
import { percent } from './format';
import { attemptWords, ITEM_WORDS as W, pausedDetail, storedWords, waitWords } from './item-words';
import { PARSE_WORDS } from './parsing-status';

export type StateIcon = 'clock' | 'spinner' | 'upload' | 'check' | 'cross' | 'pause' | 'cloud-off' | 'ban' | 'doc';
export type StateTone = 'neutral' | 'active' | 'success' | 'warning' | 'danger';
export type ItemAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'reparse' | 'reveal' | 'remove';

export interface ItemView {
  label: string;
  detail: string;
  icon: StateIcon;
  tone: StateTone;
  /** null: no bar (queued, finished without progress). */
  progress: number | null;
  actions: ItemAction[];
}

/**
 * The parse beside a stored item by the shared rule the engine uses (the session's parsing, else the newest; unknown =
 * in progress), or null when there is none yet (upload is storage-only: a run starts it).
 */
export function parseTrack(documentStatus: string, parsings: ParsingSummary[], configHash?: string | null): ParseKind | null {
  const kind = judgeStored(documentStatus, parsings, configHash).kind;
  return kind === 'waiting' && parsings.length === 0 ? null : kind;
}

/** Engine messages name the file (the CLI and notifications need that); on its own row the name is already shown. */
function withoutName(message: string, name: string): string {
  const prefix = `${name}: `;
  if (!message.startsWith(prefix)) return message;
  const rest = message.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** `workspaceName`: the item's workspace as the window knows it (for "already in Acme"), when known. */
export function describeItem(item: QueueItem, now = Date.now(), workspaceName: string | null = null): ItemView {
  const state: ItemState = item.state;
  switch (state.status) {
    case 'queued':
      return { label: W.queued, detail: '', icon: 'clock', tone: 'neutral', progress: null, actions: ['pause', 'cancel', 'reveal'] };
    case 'hashing':
      return {
        label: W.hashing,
        detail: '',
        icon: 'spinner',
        tone: 'active',
        progress: percent(state.bytesHashed, item.size),
        actions: ['pause', 'cancel', 'reveal'],
      };
    case 'checking':
      return { label: W.checking, detail: '', icon: 'spinner', tone: 'active', progress: null, actions: ['pause', 'cancel', 'reveal'] };
    case 'uploading':
      return {
        label: W.uploading,
        detail: state.attempt > 1 ? attemptWords(state.attempt) : '',
        icon: 'upload',
        tone: 'active',
        progress: percent(state.bytesSent, item.size),
        actions: ['pause', 'cancel', 'reveal'],
      };
    case 'attaching':
      return { label: W.attaching, detail: '', icon: 'spinner', tone: 'active', progress: 100, actions: ['reveal'] };
    case 'done': {
      // Stored is the end of the upload; the parse is the document's own track, shown beside it only once it exists.
      const parse = parseTrack(state.documentStatus, state.parsings, state.configHash);
      return {
        label: storedWords(item, state.outcome, workspaceName),
        detail: parse === null ? '' : PARSE_WORDS[parse],
        icon: parse === 'failed' ? 'doc' : 'check',
        tone: parse === 'failed' ? 'warning' : 'success',
        progress: null,
        actions: parse === 'failed' ? ['reparse', 'reveal', 'remove'] : ['reveal', 'remove'],
      };
    }
    case 'waiting':
      return {
        label: waitWords(state.reason, state.retryAt, now, state.attempt, state.attempts),
        // The banner explains a whole-queue wait; its row only says what ends it.
        detail: state.reason === 'offline' ? W.offlineDetail : state.reason === 'signed-out' ? W.signedOutDetail : state.message,
        icon: state.reason === 'offline' ? 'cloud-off' : 'clock',
        tone: 'warning',
        progress: null,
        actions: ['pause', 'cancel', 'reveal'],
      };
    case 'paused':
      return {
        label: W.paused,
        detail: pausedDetail(state.step),
        icon: 'pause',
        tone: 'neutral',
        progress: null,
        actions: ['resume', 'cancel', 'reveal'],
      };
    case 'failed':
      return {
        label: W.failed,
        detail: withoutName(state.error.message, item.name),
        icon: 'cross',
        tone: 'danger',
        progress: null,
        actions: ['retry', 'reveal', 'remove'],
      };
    case 'cancelled':
      return { label: W.cancelled, detail: '', icon: 'ban', tone: 'neutral', progress: null, actions: ['retry', 'reveal', 'remove'] };
    default:
      return assertNever(state, 'item state');
  }
}

/** The label a format badge shows. */
export function formatBadge(item: Pick<QueueItem, 'format'>): string {
  return item.format === 'jpeg' ? 'JPG' : item.format.toUpperCase();
}
