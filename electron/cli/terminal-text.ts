// Names and messages from files and servers reach a terminal: their control characters must not move the cursor or recolour it.

/** C0 and C1 controls, DEL, and the bidirectional marks, overrides and isolates that reorder what is shown. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The text with every control character shown as "?", so a file named `a\x1b[2Jb.pdf` prints as `a?[2Jb.pdf`. */
export function printable(text: string): string {
  return text.replace(UNSAFE, '?');
}
