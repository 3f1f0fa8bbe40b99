// The clipboard and drop parsers: only a session link becomes a session, nothing else leaves main or the page.
import { describe, expect, it } from 'vitest';
import { clipboardSessionLink } from '../../../electron/core/desktop/session-link';
import { sessionFromUriList } from '../../../shared/session-link';

const ID = '3f2b8c1e-1111-4222-8333-444455556666';

describe('session links', () => {
  it('the clipboard offers a dashboard link as its session id only', () => {
    expect(clipboardSessionLink(`  https://app.raydocs.com/workspaces/1/extractions/sessions/${ID.toUpperCase()}\n`)).toEqual({ sessionId: ID });
    expect(clipboardSessionLink('my password is hunter2')).toBeNull();
    expect(clipboardSessionLink(`${'x'.repeat(3000)} ${ID}`)).toBeNull();
  });
  it('a dropped uri-list yields the first session link, skipping comments and other links', () => {
    expect(sessionFromUriList(`# dragged\r\nhttps://example.org/page\r\nhttps://app.raydocs.com/sessions/${ID}`)).toBe(ID);
    expect(sessionFromUriList('https://example.org/sessions/not-a-uuid')).toBeNull();
    expect(sessionFromUriList(`file:///home/me/sessions/${ID}`)).toBeNull();
  });
});
