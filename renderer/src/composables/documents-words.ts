// The documents view's words for the sessions one-per-file batches made (more of the view's words move here in time).
export const PER_FILE_WORDS = {
  oneBatch: 'This batch’s sessions.',
  showAll: 'Show all',
} as const;
