// The result table: data flattened group → field → value with each field's source page; run states; failure words.
import { describe, expect, it } from 'vitest';
import { extractionResultSchema } from '../../../shared/api';
import { isRunSettled, resultCells, runFailureText, runStatusOf, type RunStatus } from '../../../shared/result-table';

const result = (over: Record<string, unknown>) => extractionResultSchema.parse({ id: 'r1', status: 'completed', ...over });
const src = (page: unknown) => ({ chunk_id: 'c', text: 't', page });

describe('resultCells', () => {
  it('flattens groups in order and takes the first source page of audit_data[group][field]', () => {
    const r = result({
      data: { invoice: { number: 'INV-1', total: 12.5 }, vendor: { name: 'Acme' } },
      audit_data: {
        invoice: { number: { reasoning: 'top right', sources: [src(2), src(5)] }, total: { reasoning: 'footer', sources: [src(3)] } },
        vendor: { name: { reasoning: 'letterhead', sources: [] } },
      },
    });
    expect(resultCells(r)).toEqual([
      { group: 'invoice', field: 'number', value: 'INV-1', page: 2, reasoning: 'top right' },
      { group: 'invoice', field: 'total', value: '12.5', page: 3, reasoning: 'footer' },
      { group: 'vendor', field: 'name', value: 'Acme', page: null, reasoning: 'letterhead' },
    ]);
  });

  it('finds audits keyed "group.field" or by field alone, and reads a numeric-string page', () => {
    const r = result({
      data: { a: { x: '1' }, b: { y: '2' } },
      audit_data: { 'a.x': { reasoning: 'dotted', sources: [src('7')] }, y: { sources: [src(4)] } },
    });
    expect(resultCells(r).map((c) => [c.field, c.page, c.reasoning])).toEqual([
      ['x', 7, 'dotted'],
      ['y', 4, null],
    ]);
  });

  it('a flat top-level value gets group ""; lists, objects, booleans and null render as text', () => {
    const r = result({
      data: { title: 'Bill', items: { lines: ['a', 'b'], meta: { k: 1 }, paid: true, note: null } },
      audit_data: { title: { sources: [src(1)] } },
    });
    expect(resultCells(r)).toEqual([
      { group: '', field: 'title', value: 'Bill', page: 1, reasoning: null },
      { group: 'items', field: 'lines', value: 'a, b', page: null, reasoning: null },
      { group: 'items', field: 'meta', value: '{"k":1}', page: null, reasoning: null },
      { group: 'items', field: 'paid', value: 'true', page: null, reasoning: null },
      { group: 'items', field: 'note', value: '', page: null, reasoning: null },
    ]);
  });

  it('no data, PHP-empty data, or a source without a usable page give no cells / a null page', () => {
    expect(resultCells(result({}))).toEqual([]);
    expect(resultCells(result({ data: [] }))).toEqual([]);
    const r = result({ data: { g: { f: 'v' } }, audit_data: { g: { f: { sources: [src('two')] } } } });
    expect(resultCells(r)[0]!.page).toBeNull();
  });

  it('G1 results carrying `reasoning` instead of audit_data still find their pages', () => {
    const r = result({ data: { g: { f: 'v' } }, reasoning: { g: { f: { reasoning: 'why', sources: [src(9)] } } } });
    expect(resultCells(r)[0]).toMatchObject({ page: 9, reasoning: 'why' });
  });
});

describe('run status', () => {
  it('reads the documented states and calls everything else unknown', () => {
    expect(runStatusOf('parsing_pending')).toBe('parsing_pending');
    expect(runStatusOf(' Completed ')).toBe('completed');
    expect(runStatusOf('queued')).toBe('unknown');
    expect(runStatusOf(null)).toBe('unknown');
  });

  it("reads the older pages' pending as created: not started, still polled, not settled", () => {
    expect(runStatusOf('pending')).toBe('created');
    expect(runStatusOf(' PENDING ')).toBe('created');
    expect(isRunSettled(runStatusOf('pending'))).toBe(false);
  });

  it('only created, parsing_pending and processing are in motion', () => {
    const all: RunStatus[] = ['created', 'parsing_pending', 'processing', 'completed', 'failed', 'unknown'];
    expect(all.filter((s) => !isRunSettled(s))).toEqual(['created', 'parsing_pending', 'processing']);
  });
});

describe('runFailureText', () => {
  it('is null when the server says nothing (the documented case)', () => {
    expect(runFailureText(result({ status: 'failed' }))).toBeNull();
    expect(runFailureText(result({ status: 'failed', message: '  ', error: 42 }))).toBeNull();
  });

  it('takes the most specific words the server gives, including an error object with a message', () => {
    expect(runFailureText(result({ status: 'failed', message: 'Failed', failure_reason: 'No text in documents' }))).toBe('No text in documents');
    expect(runFailureText(result({ status: 'failed', error_message: 'LLM timeout' }))).toBe('LLM timeout');
    expect(runFailureText(result({ status: 'failed', error: { message: 'quota exceeded', code: 7 } }))).toBe('quota exceeded');
    expect(runFailureText(result({ status: 'failed', message: 'Extraction failed' }))).toBe('Extraction failed');
  });
});
