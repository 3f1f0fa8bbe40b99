// Small composables: drop helpers, polling while active, and how documents and results are worded.
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { documentRow } from '../../../renderer/src/composables/document-view';
import { parseProgressOf, runButton, runDetail, runTone, runWords } from '../../../renderer/src/composables/run-view';
import { carriesFiles, carriesLink, droppedFiles, useDropZone } from '../../../renderer/src/composables/use-drop-zone';
import { usePolling } from '../../../renderer/src/composables/use-polling';

describe('drop helpers', () => {
  it('hands on the dropped File objects themselves: the page never turns them into paths', () => {
    const files = [new File([''], 'a.pdf'), new File([''], 'from-browser.png')];
    expect(droppedFiles(files)).toEqual(files);
    expect(droppedFiles({ length: 2, 0: files[0] } as unknown as ArrayLike<File>)).toEqual([files[0]]);
  });
  it('lights up only for drags that carry files', () => {
    expect(carriesFiles({ dataTransfer: { types: ['Files'] } } as unknown as DragEvent)).toBe(true);
    expect(carriesFiles({ dataTransfer: { types: ['text/plain'] } } as unknown as DragEvent)).toBe(false);
    expect(carriesFiles({ dataTransfer: null } as unknown as DragEvent)).toBe(false);
    // A link's drag is taken (so its drop fires), a drag of files with a link beside it is files.
    expect(carriesLink({ dataTransfer: { types: ['text/uri-list', 'text/plain'] } } as unknown as DragEvent)).toBe(true);
    expect(carriesLink({ dataTransfer: { types: ['Files', 'text/uri-list'] } } as unknown as DragEvent)).toBe(false);
    expect(carriesLink({ dataTransfer: { types: ['text/plain'] } } as unknown as DragEvent)).toBe(false);
  });
});

/** Mounts a component whose setup runs `fn` (composables need a component instance). */
function mountSetup(fn: () => void) {
  return mount(defineComponent({ setup: () => (fn(), () => h('div')) }));
}

/** A drag event as the browser makes it: `types` and `getData` of a link dragged from a dashboard tab. */
function linkDrag(type: string, data: Record<string, string>): Event {
  const e = new Event(type, { cancelable: true });
  Object.defineProperty(e, 'dataTransfer', { value: { types: Object.keys(data), files: [], getData: (t: string) => data[t] ?? '', dropEffect: 'none' } });
  return e;
}

describe('useDropZone and a dropped link', () => {
  const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
  it('takes a dashboard link\'s drag (so its drop fires) and hands over the session it names, never as files', () => {
    const files = vi.fn();
    const link = vi.fn();
    const w = mountSetup(() => void useDropZone(files, link));
    const list = { 'text/uri-list': `https://app.raydocs.com/workspaces/1/extractions/sessions/${ID}` };
    const over = linkDrag('dragover', list);
    window.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true);
    window.dispatchEvent(linkDrag('drop', list));
    expect(link).toHaveBeenCalledWith(ID);
    // Another page's link is no session: nothing happens.
    window.dispatchEvent(linkDrag('drop', { 'text/uri-list': 'https://example.org/page' }));
    expect(link).toHaveBeenCalledTimes(1);
    expect(files).not.toHaveBeenCalled();
    w.unmount();
  });
});

describe('usePolling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once and then every interval while active, and stops when inactive', async () => {
    const task = vi.fn(async () => undefined);
    const active = ref(true);
    const w = mountSetup(() => usePolling(task, 1000, active));
    await vi.advanceTimersByTimeAsync(0);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(task).toHaveBeenCalledTimes(4);
    active.value = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(task).toHaveBeenCalledTimes(4);
    w.unmount();
  });
  it('reads a function interval before each wait: fast while something moves, slow when settled', async () => {
    const task = vi.fn(async () => undefined);
    const moving = ref(true);
    const w = mountSetup(() => usePolling(task, () => (moving.value ? 1000 : 10_000), ref(true)));
    await vi.advanceTimersByTimeAsync(2000);
    expect(task).toHaveBeenCalledTimes(3);
    moving.value = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(task).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(9000);
    expect(task).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(1000);
    expect(task).toHaveBeenCalledTimes(5);
    w.unmount();
  });
  it('never overlaps a slow run', async () => {
    let running = 0;
    let maxRunning = 0;
    const task = vi.fn(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 2500));
      running--;
    });
    const w = mountSetup(() => usePolling(task, 500, ref(true)));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(maxRunning).toBe(1);
    w.unmount();
  });
});

describe('document view', () => {
  it('reads failed, parsed and in-progress documents, and unknown statuses as in progress', () => {
    const doc = (status: string, parsings: Array<{ id: string; status: string }>) => ({ id: 'd', filename: 'x.pdf', status, parsings }) as never;
    expect(documentRow(doc('processed', [{ id: 'p', status: 'failed' }]))).toMatchObject({ statusWords: 'Parse failed', canReparse: true, tone: 'danger' });
    expect(documentRow(doc('processed', [{ id: 'p', status: 'ready' }]))).toMatchObject({ statusWords: 'Parsed', tone: 'success' });
    expect(documentRow(doc('weird-new-status', []))).toMatchObject({ statusWords: 'Parsing', tone: 'active' });
    expect(documentRow(doc('uploaded', []))).toMatchObject({ statusWords: 'Stored, not parsed yet', tone: 'neutral', canReparse: false });
    expect(documentRow(doc('uploaded', [{ id: 'p', status: 'queued' }]))).toMatchObject({ statusWords: 'Waiting to parse', tone: 'active' });
  });
});

describe('run view', () => {
  it('words each run state with its tone', () => {
    expect(runWords('created')).toBe('Extraction queued');
    expect(runWords('parsing_pending')).toBe('Parsing documents');
    expect(runWords('completed')).toBe('Extraction complete');
    expect(runWords('failed')).toBe('Extraction failed');
    expect([runTone('processing'), runTone('completed'), runTone('failed'), runTone('unknown')]).toEqual(['active', 'success', 'danger', 'neutral']);
  });
  it('shows the documents\' parsing only while the run waits on it', () => {
    const p = parseProgressOf([{ tone: 'success' }, { tone: 'success' }, { tone: 'active' }, { tone: 'danger' }]);
    expect(p).toEqual({ total: 4, parsed: 2, failed: 1 });
    expect(runDetail('parsing_pending', parseProgressOf([{ tone: 'success' }, { tone: 'success' }, { tone: 'active' }]))).toBe('Parsing 2 of 3 documents');
    expect(runDetail('parsing_pending', p)).toBe('Parsing 2 of 4 documents · 1 could not be parsed');
    expect(runDetail('processing', p)).toBeNull();
    expect(runDetail('parsing_pending', null)).toBeNull();
  });
  it('the run button counts the documents, waits for uploads and names what it skips', () => {
    const base = { documents: 38, parseFailed: 0, uploadsRunning: 0, starting: false, runInMotion: false };
    expect(runButton(base)).toEqual({ label: 'Run extraction on 38 documents', disabled: false, reason: null, note: null });
    expect(runButton({ ...base, documents: 1 }).label).toBe('Run extraction on 1 document');
    expect(runButton({ ...base, uploadsRunning: 3 })).toMatchObject({ disabled: true, reason: 'Waiting for 3 uploads to finish' });
    expect(runButton({ ...base, parseFailed: 2 })).toMatchObject({ disabled: false, note: '2 could not be parsed and will be skipped' });
    expect(runButton({ ...base, documents: 2, parseFailed: 2 })).toMatchObject({ disabled: false, note: 'None could be parsed: reparse them first' });
    expect(runButton({ ...base, runInMotion: true })).toMatchObject({ disabled: true, reason: 'An extraction is already running on this session' });
    expect(runButton({ ...base, documents: 0 })).toMatchObject({ disabled: true, reason: 'No documents in this session yet' });
    expect(runButton({ ...base, documents: null })).toMatchObject({ label: 'Run extraction', disabled: false });
    expect(runButton({ ...base, starting: true })).toMatchObject({ label: 'Starting extraction…', disabled: true });
  });
});
