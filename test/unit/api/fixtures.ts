// Response bodies as the docs show them in the wild (docs/raydocs-api.md §6–§10, §12), reused by the validator tests.

export const ws = { id: 12, name: 'Finance', icon: '📁', settings: {}, created_at: '2024-01-15T10:30:00Z', updated_at: '2024-01-15T10:30:00Z' };

export const template = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  name: 'Invoices',
  description: 'Invoice fields',
  workspace_id: 12,
  schema_json: { config: { reasoning_enabled: true, system_message: '' }, definitions: {}, groups: {} },
  settings: { parsing: { contextual_embedding: false } },
  created_at: '2024-01-15T10:30:00Z',
  updated_at: '2024-01-15T10:30:00Z',
};

export const meta = { current_page: 1, last_page: 2, per_page: 15, total: 20 };

export const g2Doc = {
  id: '9b2f6c1e-1111-4a2b-9c3d-000000000001',
  workspace_id: 12,
  filename: 'invoice.pdf',
  mime: 'application/pdf',
  size: 48213,
  sha256: 'A'.repeat(64),
  status: 'processed',
  source_type: 'upload',
  source_url: null,
  parsings: [{ id: 'p-1', config_hash: 'cfg_9eeae65063f17f55', status: 'ready', parser_version: 'v1', updated_at: '2026-03-04T10:00:00Z' }],
  created_at: '2026-03-04T10:00:00Z',
};

/** G1: `mime_type`, `extraction_session_id`, size under meta, no parsings. */
export const g1Doc = {
  id: '9b2f6c1e-1111-4a2b-9c3d-000000000002',
  filename: 'scan.png',
  mime_type: 'image/png',
  status: 'parsed',
  extraction_session_id: '3f1c0000-0000-4000-8000-000000000001',
  meta: { page_count: 1, file_size: 1024 },
  created_at: '2025-06-01T10:00:00Z',
};

export const result = {
  id: 'r-1',
  extraction_session_id: 's-1',
  status: 'completed',
  config_hash: 'f'.repeat(64),
  document_refs: [{ kind: 'documentRef', documentId: g2Doc.id, workspaceId: '660e8400-e29b-41d4-a716-446655440000', filename: 'invoice.pdf', sha256: 'a'.repeat(64) }],
  title: 'Invoice 42',
  data: { totals: { amount: 12 } },
  audit_data: { totals: { amount: { reasoning: 'x', sources: [] } } },
  created_at: '2026-03-04T10:00:00Z',
  completed_at: '2026-03-04T10:01:00Z',
};

export const session = {
  id: 's-1',
  name: 'March invoices',
  extraction_template_id: template.id,
  status: 'pending',
  created_at: '2026-03-04T10:00:00Z',
  updated_at: '2026-03-04T10:00:00Z',
  documents: [g2Doc],
  results: [result],
};
