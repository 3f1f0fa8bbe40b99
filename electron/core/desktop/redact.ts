// Removes secrets from text before it is logged or shown: the current token, and anything after "Bearer".

export function redactor(secrets: () => readonly (string | null | undefined)[]): (text: string) => string {
  return (text) => {
    let out = text.replace(/(Bearer\s+)[^\s"',;]+/gi, '$1[redacted]');
    for (const s of secrets()) {
      if (s && s.length >= 4) out = out.split(s).join('[redacted]');
    }
    return out;
  };
}
