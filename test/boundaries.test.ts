import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type IViolation } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs'));

/** A small tree on disk shaped like src/main/core, cruised with the project's own rules. */
const tree: Record<string, string> = {
  'src/main/core/backups/backup-service.ts': 'export const takeBackup = () => 1;\n',
  'src/main/core/domain/fleet-model.ts': 'export const loadFleet = () => [];\n',
  'src/main/core/db/pools.ts': 'export const pools = {};\n',
  // a feature area reaching into another area's file: refused
  'src/main/core/tenants/wrong-static.ts':
    "import { takeBackup } from '../backups/backup-service';\nexport const a = takeBackup;\n",
  'src/main/core/tenants/nested/wrong-dynamic.ts': "export const b = () => import('../../backups/backup-service');\n",
  // the kernel, the services and the area's own files: allowed
  'src/main/core/tenants/right.ts':
    "import { loadFleet } from '../domain/fleet-model';\nimport { pools } from '../db/pools';\nimport { a } from './wrong-static';\nexport const c = [loadFleet, pools, a];\n",
  // the kernel and the services never import an area; create-core.ts wires them all
  'src/main/core/domain/wrong-kernel.ts':
    "import { takeBackup } from '../backups/backup-service';\nexport const k = takeBackup;\n",
  'src/main/core/db/wrong-service.ts':
    "import { takeBackup } from '../backups/backup-service';\nexport const s = takeBackup;\n",
  'src/main/core/create-core.ts':
    "import { takeBackup } from './backups/backup-service';\nimport { a } from './tenants/wrong-static';\nexport const w = [takeBackup, a];\n",
  // a test may set up its fixture with another area's code
  'src/main/core/tenants/right.int.test.ts':
    "import { takeBackup } from '../backups/backup-service';\nexport const d = takeBackup;\n",
  // a runtime cycle: refused; a cycle through a type-only import: allowed (erased at build)
  'src/main/core/jobs/cycle-a.ts': "import { y } from './cycle-b';\nexport const x = () => y;\n",
  'src/main/core/jobs/cycle-b.ts': "import { x } from './cycle-a';\nexport const y = () => x;\n",
  'src/main/core/jobs/types-a.ts':
    "import type { B } from './types-b';\nexport interface A { b?: B }\nexport const makeA = (): A => ({});\n",
  'src/main/core/jobs/types-b.ts':
    "import { makeA } from './types-a';\nexport interface B { a: ReturnType<typeof makeA> }\n",
};

let dir = '';
let violations: IViolation[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tenantry-boundaries-'));
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const { options } = config;
  const result = await cruise(
    ['src'],
    {
      baseDir: dir,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
      tsPreCompilationDeps: options.tsPreCompilationDeps,
      doNotFollow: options.doNotFollow,
    },
    { extensions: options.enhancedResolveOptions.extensions },
  );
  if (typeof result.output === 'string') throw new Error(result.output);
  violations = result.output.summary.violations;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const of = (rule: string) => violations.filter((v) => v.rule.name === rule);

describe('boundary rules run by npm run lint (.dependency-cruiser.cjs)', () => {
  it('fail when a feature area imports another area, statically or dynamically', () => {
    expect(
      of('area-through-contract')
        .map((v) => [v.from, v.to])
        .sort(),
    ).toEqual([
      ['src/main/core/tenants/nested/wrong-dynamic.ts', 'src/main/core/backups/backup-service.ts'],
      ['src/main/core/tenants/wrong-static.ts', 'src/main/core/backups/backup-service.ts'],
    ]);
  });

  it('fail when the kernel or a service imports an area, but not for the one place that wires them', () => {
    expect(
      of('kernel-and-services-below-areas')
        .map((v) => v.from)
        .sort(),
    ).toEqual(['src/main/core/db/wrong-service.ts', 'src/main/core/domain/wrong-kernel.ts']);
  });

  it('fail on a runtime import cycle, not on one closed by a type-only import', () => {
    const cycles = of('no-cycle');
    expect(cycles).toHaveLength(1);
    expect([cycles[0].from, ...(cycles[0].cycle ?? []).map((step) => step.name)]).toEqual(
      expect.arrayContaining(['src/main/core/jobs/cycle-a.ts', 'src/main/core/jobs/cycle-b.ts']),
    );
    expect(cycles[0].from).not.toMatch(/types-/);
  });

  it('run by npm run lint over the whole tree, with no list of tolerated imports', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.lint).toContain('lint:deps');
    expect(pkg.scripts['lint:deps']).toContain('--config .dependency-cruiser.cjs');
    expect(pkg.scripts['lint:deps']).not.toContain('--ignore-known');
    expect(existsSync(path.join(root, '.dependency-cruiser-known-violations.json'))).toBe(false);
  });
});
