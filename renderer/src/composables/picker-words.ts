// The target picker's "Paste a link" words in one place, so a translation needs no component.
export const LINK_WORDS = {
  clipboardOffer: 'A session link is on your clipboard.',
  useClipboard: 'Use the copied link',
  droppedOffer: 'You dropped a link to a session on the window. Files go there once you open it.',
  useDropped: 'Open the dropped session',
  inputLabel: 'Open by ID or dashboard link',
  placeholder: 'Session UUID or https://…/sessions/…',
  open: 'Open',
  dropHint: 'You can also drop a session link from the dashboard onto the window.',
} as const;
