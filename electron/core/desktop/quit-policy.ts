// Decides whether quitting must ask first, and what the question says.
import type { QueueSummary } from '../../../shared/queue';
import { localPending, plural } from './activity';

export interface QuitPrompt {
  message: string;
  detail: string;
  buttons: [string, string];
  /** Index of "keep running": the safe answer for Enter and Escape. */
  defaultId: number;
  cancelId: number;
}

export type QuitChoice = 'quit' | 'keep-running';

/**
 * Only local work (queued → attaching, waiting) asks: parsing runs on the server and the journal resumes
 * polling at the next start; paused items were put aside by the user and are kept by the journal too.
 */
export function quitPrompt(summary: QueueSummary | null): QuitPrompt | null {
  if (!summary) return null;
  const pending = localPending(summary);
  if (pending === 0) return null;
  return {
    message: `${plural(pending, 'upload')} in progress`,
    detail: 'Quit now and they continue the next time you open Raydocs Uploader; nothing is lost. Or keep them going in the tray.',
    buttons: ['Quit anyway', 'Keep running in tray'],
    defaultId: 1,
    cancelId: 1,
  };
}

export function quitChoice(prompt: QuitPrompt, response: number): QuitChoice {
  return response === 0 && prompt.buttons[0] === 'Quit anyway' ? 'quit' : 'keep-running';
}
