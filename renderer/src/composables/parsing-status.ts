// What the window calls each parse verdict; the verdict itself comes from the shared rule (shared/parse-state.ts).
import type { ParseKind } from '../../../shared/parse-state';

export const PARSE_WORDS: Record<ParseKind, string> = {
  parsed: 'Parsed',
  failed: 'Parse failed',
  waiting: 'Waiting to parse',
  parsing: 'Parsing',
};
