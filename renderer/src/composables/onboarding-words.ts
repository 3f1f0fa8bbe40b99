// The sign-in screen's words in one place, so a translation needs no component (sign-in errors stay in auth-messages.ts).
export const ONBOARDING_WORDS = {
  title: 'Sign in to Raydocs',
  whatItDoes: 'Raydocs Uploader sends the documents you drop here to your Raydocs sessions, and keeps going through lost connections and restarts.',
  // The API host goes in bold between these two.
  apiHostBefore: 'This app talks to',
  apiHostAfter: ', not Raydocs\' own server. Paste a token only if you trust it.',
  createIntro: 'It signs in with a Personal Access Token. Create one on the Raydocs dashboard with these abilities ticked:',
  abilitiesLabel: 'Abilities the token needs',
  reparseAbilities: 'Add documents-read and documents-write to reparse documents.',
  createToken: 'Create a token',
  copyAbilities: 'Copy the abilities',
  copied: 'Abilities copied.',
  copyFailed: 'Could not copy: select the abilities and copy them by hand.',
  keychainTitle: 'Your token can\'t be saved on this computer.',
  keychainBody: 'The system keychain, where the app keeps passwords safely, is not available, so the token would be lost when you quit.',
  details: 'Details',
  memoryOnly: 'Keep the token in memory for this run only (you will paste it again next time)',
  tokenLabel: 'Personal Access Token',
  tokenPlaceholder: 'rd_live_…',
  hide: 'Hide',
  show: 'Show',
  checking: 'Checking…',
  signIn: 'Sign in',
  signInIncomplete: 'Sign-in did not complete. Try again.',
} as const;

/** Where the token is kept, and that it goes only to the API. */
export function tokenKeptLine(memoryOnly: boolean): string {
  return `${memoryOnly ? 'The token stays in memory until you quit' : 'The token is kept in your system keychain'} and is only ever sent to the Raydocs API.`;
}
