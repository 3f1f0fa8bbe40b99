// One named endpoint over the transport: its path filled from the params, its answer checked against its schema
// (shared/api), so a shape the app cannot read is `invalid-response` here rather than a crash further on.
import { ENDPOINTS, endpointLabel, parseResponse, ResponseShapeError, responses, type EndpointName, type ResponseName, type ResponseOf } from '../../../shared/api';
import { ApiError } from './api-error';
import { fillPath, type Params } from './path-params';
import type { QueryValue, Transport } from './transport';

export interface CallInit {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

/** Sends one call and validates the answer with the endpoint's schema; a shape mismatch becomes `invalid-response`. */
export async function callEndpoint<N extends ResponseName>(
  transport: Transport,
  name: N,
  params: Params,
  init: CallInit = {},
): Promise<{ status: number; value: ResponseOf<N> }> {
  const endpoint = ENDPOINTS[name];
  const path = fillPath(endpoint.path, params);
  const answer = await transport.send({ method: endpoint.method, path, ...init });
  try {
    const value = parseResponse(endpointLabel(endpoint), responses[name], answer.body) as ResponseOf<N>;
    return { status: answer.status, value };
  } catch (err) {
    if (!(err instanceof ResponseShapeError)) throw err;
    throw new ApiError({ code: 'invalid-response', status: answer.status, request: { method: endpoint.method, path }, detail: `unexpected response shape at ${err.summary}` });
  }
}

/** A call whose answer carries nothing the app reads (a detach): only its status matters. */
export async function sendEndpoint(transport: Transport, name: EndpointName, params: Params, body: unknown, signal: AbortSignal | undefined): Promise<void> {
  const endpoint = ENDPOINTS[name];
  await transport.send({ method: endpoint.method, path: fillPath(endpoint.path, params), body, signal });
}
