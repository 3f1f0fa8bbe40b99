// Session links for main: the shared parser (the page uses the same one to recognise a dropped link) and the clipboard's.
import type { ClipboardSessionLink } from '../../../shared/ipc';
import { parseSessionInput } from '../../../shared/session-link';

export { parseSessionInput };

/** Longer than any link the dashboard makes: a clipboard holding a document is not scanned. */
const CLIPBOARD_LIMIT = 2048;

/** What the clipboard offers the picker: a session it names, or null; its text never leaves main. */
export function clipboardSessionLink(text: string): ClipboardSessionLink | null {
  if (text.length > CLIPBOARD_LIMIT) return null;
  const sessionId = parseSessionInput(text);
  return sessionId ? { sessionId } : null;
}
