// Excel exports: an xlsx answer streamed to disk (Transport.download), and the batch export's two disputed routes
// (docs/raydocs-api.md §7.8).
import { ENDPOINTS, type EndpointName } from '../../../shared/api';
import { ApiError } from './api-error';
import { dispositionFilename } from './content-disposition';
import { checkId, fillPath, type Params } from './path-params';
import type { Transport } from './transport';

/** A file saved by an export: its size and the name the server suggested (Content-Disposition), if any. */
export interface SavedExport {
  bytes: number;
  filename: string | null;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** JSON is accepted too so an error comes back in words the client can read. */
const XLSX_ACCEPT = `${XLSX_TYPE}, application/json;q=0.5`;
/** An xlsx is a zip archive, and every zip starts with `PK`. */
const ZIP_MAGIC = Buffer.from('PK');

/** Streams an xlsx answer to `destPath` (via `.part`, see Transport.download). */
export async function saveXlsx(
  transport: Transport,
  name: EndpointName,
  params: Params,
  body: unknown,
  destPath: string,
  signal: AbortSignal | undefined,
): Promise<SavedExport> {
  const endpoint = ENDPOINTS[name];
  const path = fillPath(endpoint.path, params);
  const answer = await transport.download({
    method: endpoint.method,
    path,
    body,
    signal,
    destPath,
    accept: XLSX_ACCEPT,
    magic: ZIP_MAGIC,
    expected: 'an xlsx file',
  });
  return { bytes: answer.bytes, filename: dispositionFilename(answer.headers['content-disposition']) };
}

/**
 * Several sessions in one workbook (§7.8). The route is disputed: the OpenAPI route with `format` in the body is
 * tried first, then the prose's `/export/excel`. When neither exists (404/405 on both) this throws an ApiError with
 * status 404, so the caller can fall back to one result export per session.
 */
export async function saveSessionsXlsx(
  transport: Transport,
  templateId: string,
  sessionIds: string[],
  destPath: string,
  signal: AbortSignal | undefined,
): Promise<SavedExport> {
  const params = { templateId: checkId('templateId', templateId) };
  sessionIds.forEach((id, i) => checkId(`sessionIds[${i}]`, id));
  const missing = (err: unknown) => err instanceof ApiError && (err.status === 404 || err.status === 405);
  try {
    return await saveXlsx(transport, 'exportSessions', params, { session_ids: sessionIds, format: 'excel' }, destPath, signal);
  } catch (err) {
    if (!missing(err)) throw err;
  }
  try {
    return await saveXlsx(transport, 'exportSessionsExcel', params, { session_ids: sessionIds }, destPath, signal);
  } catch (err) {
    if (!missing(err)) throw err;
    const e = err as ApiError;
    throw new ApiError({
      code: 'not-found',
      status: 404,
      request: { method: 'POST', path: fillPath(ENDPOINTS.exportSessions.path, params) },
      serverMessage: e.serverMessage,
      detail: 'the server has no batch export (neither …/batch/export nor …/batch/export/excel)',
    });
  }
}
