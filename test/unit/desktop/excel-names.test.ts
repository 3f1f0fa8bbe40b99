import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { excelFileName, freeName, namesIn } from '../../../electron/core/runs/excel-export';
import { readableTitle } from '../../../electron/core/runs/run-view';

describe('Excel file names', () => {
  it('from a title: separators, control and reserved characters go; always .xlsx', () => {
    expect(excelFileName('Invoice 42 / ACME: March', 'x')).toBe('Invoice 42 ACME March.xlsx');
    expect(excelFileName('a\u0000b\u001bc\td', 'x')).toBe('a b c d.xlsx');
    expect(excelFileName('  ..hidden.. ', 'x')).toBe('hidden.xlsx');
    expect(excelFileName('report.XLSX', 'x')).toBe('report.xlsx');
    expect(excelFileName('CON', 'x')).toBe('_CON.xlsx');
    expect(excelFileName(null, 'extraction_result')).toBe('extraction_result.xlsx');
    expect(excelFileName('///', 'extraction_result')).toBe('extraction_result.xlsx');
    expect(excelFileName('x'.repeat(300), 'y')).toHaveLength(125);
  });

  it('a UUID or blank title is not a readable one', () => {
    expect(readableTitle('3f2b8c1e-1111-4222-8333-444455556666')).toBeNull();
    expect(readableTitle('  ')).toBeNull();
    expect(readableTitle(' Invoice 42 ')).toBe('Invoice 42');
  });

  it('never over a file already in the folder, nor one written in the same export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'raydocs-names-'));
    try {
      writeFileSync(join(dir, 'a.pdf.xlsx'), '');
      const taken = namesIn(dir);
      expect(freeName('a.pdf.xlsx', taken)).toBe('a.pdf (2).xlsx');
      expect(freeName('A.pdf.xlsx', taken)).toBe('A.pdf (3).xlsx');
      expect(freeName('b.xlsx', taken)).toBe('b.xlsx');
      expect(freeName('B.xlsx', taken)).toBe('B (2).xlsx');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
