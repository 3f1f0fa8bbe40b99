// The picker, settings, sign-in and documents views' words: the sentences built from counts and names, singular and plural.
import { describe, expect, it } from 'vitest';
import {
  documentCount,
  fieldsCaption,
  leftOutLine,
  perFileActionLabel,
  resultsReadyLine,
  savedCombinedNote,
  savedSeparateNote,
  sourcePage,
} from '../../../renderer/src/composables/documents-words';
import { tokenKeptLine } from '../../../renderer/src/composables/onboarding-words';
import { noRecentMatch, pageOf, TARGET_ERRORS, templateFieldsLine } from '../../../renderer/src/composables/picker-words';
import { runsSettledAnnouncement, runSettledAnnouncement, runStartedAnnouncement, runStepAnnouncement } from '../../../renderer/src/composables/run-view';
import { checkConcurrency } from '../../../renderer/src/composables/settings-validation';
import {
  newFilesGo,
  removeWatchLabel,
  settleRangeError,
  signedInAs,
  updateDownloadingLine,
  updateWaitsLine,
  wholeNumberRange,
} from '../../../renderer/src/composables/settings-words';

describe('picker words', () => {
  it('lists a template\'s fields, naming how many more only when there are more', () => {
    expect(templateFieldsLine(['total', 'date'], 0)).toBe('Fields: total, date');
    expect(templateFieldsLine(['total', 'date', 'vendor'], 1)).toBe('Fields: total, date, vendor and 1 more');
    expect(templateFieldsLine(['a', 'b', 'c'], 4)).toBe('Fields: a, b, c and 4 more');
  });
  it('says the page, the empty search and the store\'s errors', () => {
    expect(pageOf(2, 5)).toBe('Page 2 of 5');
    expect(noRecentMatch('inv')).toBe('No session matches “inv”.');
    expect(TARGET_ERRORS.open('Not found')).toBe('Could not open that session: Not found');
  });
});

describe('settings words', () => {
  it('an update waits for one upload that finishes, or for uploads that finish', () => {
    expect(updateWaitsLine(1)).toBe('It waits until 1 upload in progress finishes.');
    expect(updateWaitsLine(3)).toBe('It waits until 3 uploads in progress finish.');
    expect(updateDownloadingLine('1.2.0', 40)).toBe('Version 1.2.0: 40%.');
  });
  it('says who is signed in, and the demo', () => {
    expect(signedInAs(false)).toBe('Signed in with a token for');
    expect(signedInAs(true)).toBe('Signed in to the demo with a token for');
  });
  it('names a range the number fields refuse, as the validation says it', () => {
    expect(wholeNumberRange('Parallel uploads', 1, 16)).toBe('Parallel uploads must be a whole number from 1 to 16. Not saved.');
    expect(checkConcurrency('40')).toEqual({ ok: false, message: wholeNumberRange('Parallel uploads', 1, 16) });
    expect(settleRangeError(0.5, 60)).toBe('The settle time must be from 0.5 to 60 seconds. Nothing was added.');
  });
  it('says where a watched folder\'s files go', () => {
    expect(newFilesGo({ kind: 'session', workspaceId: 1, sessionId: 's', sessionName: 'Invoices' })).toBe('New files go into Invoices.');
    expect(newFilesGo({ kind: 'session-per-file', workspaceId: 1, templateId: 't2', templateName: 'Bills', autoExtract: true })).toBe(
      'New files go one session per file (Bills), extracting.',
    );
    expect(removeWatchLabel('Scans')).toBe('Remove Scans');
  });
});

describe('onboarding words', () => {
  it('says where the token is kept', () => {
    expect(tokenKeptLine(false)).toBe('The token is kept in your system keychain and is only ever sent to the Raydocs API.');
    expect(tokenKeptLine(true)).toBe('The token stays in memory until you quit and is only ever sent to the Raydocs API.');
  });
});

describe('documents and result words', () => {
  it('counts documents, results and sessions in the singular and the plural', () => {
    expect(documentCount(1)).toBe('1 document');
    expect(documentCount(0)).toBe('0 documents');
    expect(resultsReadyLine(1, 1)).toBe('1 result of 1 session ready.');
    expect(resultsReadyLine(2, 3)).toBe('2 results of 3 sessions ready.');
  });
  it('says what a spreadsheet save did, and who it left out', () => {
    expect(leftOutLine([])).toBe('');
    expect(leftOutLine([{ name: 'a', reason: 'failed' }])).toBe(' 1 session left out: a (failed).');
    expect(leftOutLine([{ name: 'a', reason: 'x' }, { name: 'b', reason: 'y' }])).toBe(' 2 sessions left out: a (x); b (y).');
    expect(savedCombinedNote(1, '/t/a.xlsx')).toBe('Saved 1 session as one spreadsheet: /t/a.xlsx');
    expect(savedSeparateNote(1, '/t', '')).toBe('Raydocs has no combined export here: saved 1 spreadsheet in /t.');
    expect(savedSeparateNote(2, '/t', ' x.')).toBe('Raydocs has no combined export here: saved 2 spreadsheets in /t. x.');
  });
  it('names rows\' buttons, the fields table and source pages', () => {
    expect(perFileActionLabel('View result', 'a.pdf')).toBe('View result: a.pdf');
    expect(fieldsCaption('Invoice')).toBe('Extracted fields of Invoice');
    expect(sourcePage(3)).toBe('p. 3');
  });
});

describe('run words', () => {
  it('announces one run settling, a step, and a start in the singular and plural', () => {
    expect(runSettledAnnouncement('completed', 'Invoice', null)).toBe('Extraction complete: Invoice.');
    expect(runSettledAnnouncement('failed', 'Invoice', null)).toBe('Extraction failed on Invoice.');
    expect(runSettledAnnouncement('failed', 'Invoice', 'Bad scan')).toBe('Extraction failed on Invoice: Bad scan');
    expect(runStepAnnouncement('processing', 'Bills')).toBe('Bills: Extracting.');
    expect(runStepAnnouncement('processing', null)).toBe('Extracting.');
    expect(runStartedAnnouncement(1)).toBe('Extraction started on 1 document.');
    expect(runStartedAnnouncement(4)).toBe('Extraction started on 4 documents.');
  });
  it('announces many runs settling at once in one sentence, or nothing', () => {
    expect(runsSettledAnnouncement(1, 0)).toBe('1 extraction complete.');
    expect(runsSettledAnnouncement(3, 2)).toBe('3 extractions complete, 2 failed.');
    expect(runsSettledAnnouncement(0, 1)).toBe('1 failed.');
    expect(runsSettledAnnouncement(0, 0)).toBeNull();
  });
});
