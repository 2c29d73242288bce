import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, sandboxClusterDir } from './embedded-cluster';

describe('sandbox ports and folders', () => {
  it('uses another port, and says so, when the asked-for one is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const busy = (taken.address() as net.AddressInfo).port;
    const chosen = await freePort(busy);
    expect(chosen.port).not.toBe(busy);
    expect(chosen.note).toContain(String(busy));
    taken.close();
  });

  it('never uses 5432, even when asked', async () => {
    const chosen = await freePort(5432);
    expect(chosen.port).not.toBe(5432);
    expect(chosen.note).toContain('5432');
  });

  it('keeps the cluster out of /root when running as root', () => {
    const dir = sandboxClusterDir('/root/.config/Tenantry');
    if (process.getuid?.() === 0) expect(dir).toMatch(/^\/var\/tmp\/tenantry-sandbox-[0-9a-f]{8}$/);
    else expect(dir).toBe('/root/.config/Tenantry/sandbox/pg15');
  });
});
