import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer lint rules (DESIGN.md conventions 1)', () => {
  it('fail when core imports electron or react', async () => {
    expect(
      await restrictedImports('src/main/core/wrong.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports('src/main/core/wrong.ts', "import React from 'react';\nexport const r = React;\n"),
    ).toHaveLength(1);
  });

  it('fail when the renderer imports main or a Node built-in', async () => {
    expect(
      await restrictedImports(
        'src/renderer/src/wrong.ts',
        "import { createCore } from '../../main/core/create-core';\nexport const c = createCore;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports('src/renderer/src/wrong.ts', "import fs from 'node:fs';\nexport const f = fs;\n"),
    ).toHaveLength(1);
  });

  it('fail when shared imports anything of ours outside shared', async () => {
    expect(
      await restrictedImports(
        'src/shared/wrong.ts',
        "import { Pools } from '../main/core/db/pools';\nexport const p = Pools;\n",
      ),
    ).toHaveLength(1);
  });

  it('pass for imports that keep the layers', async () => {
    expect(
      await restrictedImports(
        'src/main/core/right.ts',
        "import { AppError } from '../../shared/errors';\nexport const e = AppError;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'src/renderer/src/right.ts',
        "import type { Method } from '../../shared/contract';\nexport type M = Method;\n",
      ),
    ).toEqual([]);
  });
});
