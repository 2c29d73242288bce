const SECRET_KEY = /pass(word|phrase)?|secret|token|private.?key|credential/i;

/** A last guard: parameters whose key names a secret are never written, whatever the caller passed. */
export function redactSecrets(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (SECRET_KEY.test(key) && typeof value === 'string' && !['changed', 'removed', 'unchanged'].includes(value))
      out[key] = '[redacted]';
    else if (value && typeof value === 'object' && !Array.isArray(value))
      out[key] = redactSecrets(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}
