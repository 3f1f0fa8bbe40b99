// Keeps the token out of anything the client builds from server text (a server may echo the header back).

export const REDACTED = '[redacted]';

export function redact(text: string, secret: string | null): string {
  if (!secret) return text;
  return text.split(secret).join(REDACTED);
}

export function redactFieldErrors(errors: Record<string, string[]>, secret: string | null): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(errors)) {
    out[redact(field, secret)] = messages.map((m) => redact(m, secret));
  }
  return out;
}
