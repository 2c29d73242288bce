/** Backup ids and run ids (checks, checklists): `<yyyymmddThhmmssZ>-<6 hex>` (CLI.md "Ids"). */
export const ID_PATTERN = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

/**
 * A new backup or run id, `<yyyymmddThhmmssZ>-<6 hex>`: in text order it is in time order (to the
 * second), and the random tail keeps two ids of one second apart.
 */
export function newId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomHex(3)}`;
}

/** `bytes` random bytes as lowercase hex: the unique part of job ids, journal ids and temporary names. */
export function randomHex(bytes: number): string {
  // Web Crypto's global loads on first use; importing node:crypto would cost every short command its load.
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}

/** A scratch schema's or database's name, `tenantry_tmp_<12 hex>`: never taken for a tenant. */
export function tempName(): string {
  return `tenantry_tmp_${randomHex(6)}`;
}
