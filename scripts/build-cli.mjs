// Builds the `tenantry` CLI for the machine's Node 20 (not Electron's Node): out/cli/tenantry.mjs
// plus chunks that each command loads when it runs, so `--version`, `--help` and usage errors load
// only the program's structure, and commands that need no connection load no core (start-up time is
// measured in bench/cli-process.mjs, `--only startup`).
import { build } from 'esbuild';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

// Plain-JS packages every connecting command loads: bundled, they load faster than node_modules
// resolved at run time. Every other package (native binaries, wasm beside its .js, Electron, and
// any added later) stays a run-time import.
const BUNDLED = new Set(['commander', 'zod', 'pg', 'kysely', 'yaml', 'pg-connection-string', 'proper-lockfile']);
const OPTIONAL_NATIVE = new Set(['pg-native', 'cloudflare:sockets']);

const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
function bundleOnly(names) {
  return {
    name: 'bundle-only',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = packageOf(args.path);
        if (args.path.startsWith('node:') || OPTIONAL_NATIVE.has(name)) return { external: true };
        // A bundled package's own dependencies come along with it.
        const fromSource = !args.importer.includes(`${path.sep}node_modules${path.sep}`);
        return fromSource && !names.has(name) ? { external: true } : undefined;
      });
    },
  };
}

/** zod's namespace export holds ~40 message locales (340 KB) the console never selects: only en is kept. */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
    }));
  },
};

/**
 * `import { z } from 'zod'` hands esbuild zod's whole namespace as one value, so all of zod is
 * kept (390 KB to parse at every start); as `import * as z from 'zod'` the same calls let esbuild
 * keep only what the schemas use (about half). The rewrite is the same at run time: zod's index
 * exports every member of `z` by name.
 */
const zodTreeShaken = {
  name: 'zod-tree-shaken',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes("import { z } from 'zod';")) return undefined;
      return {
        contents: source.replace("import { z } from 'zod';", "import * as z from 'zod';"),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

/**
 * zod compiles a parser of its own (`new Function`) for each object shape it first validates: a
 * win for a server validating the same shapes all day, a loss for a process that validates a
 * profiles file and one command's input and exits (about 2.5 ms of `profiles list`). The CLI
 * starts zod with `jitless` set, as `z.config({ jitless: true })` would before any schema exists.
 */
const zodJitless = {
  name: 'zod-jitless',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const defaults = '(_a.__zod_globalConfig = {})';
      if (!source.includes(defaults)) throw new Error(`${args.path}: expected "${defaults}"`);
      return { contents: source.replace(defaults, '(_a.__zod_globalConfig = { jitless: true })'), loader: 'js' };
    });
  },
};

/** commander loads child_process (and with it net, dgram and streams) for executable sub-commands, which the CLI has none of. */
const commanderLazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`${args.path}: expected "${eager}"`);
      return {
        contents: source.replace(
          eager,
          "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };",
        ),
        loader: 'js',
      };
    });
  },
};

/**
 * The keychain addon is CommonJS: imported as ESM, Node first scans its loader's source for export
 * names; through `require` (the banner's) it is simply loaded. What the source imports by name is
 * read off the required module, as before.
 */
const REQUIRED = new Set(['@napi-rs/keyring']);
const requireCommonJs = {
  name: 'require-common-js',
  setup(b) {
    b.onResolve({ filter: /^@napi-rs\/keyring$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}`) || args.namespace === 'required'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'required' },
    );
    b.onLoad({ filter: /.*/, namespace: 'required' }, (args) => {
      if (!REQUIRED.has(args.path)) return undefined;
      return { contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js', resolveDir: '.' };
    });
  },
};

/** pg probes for Cloudflare Workers by building a `Response`, which loads Node's whole fetch stack at start-up; the CLI runs on Node only. */
const pgNodeOnly = {
  name: 'pg-node-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(
        'function isCloudflareRuntime() {',
        'function isCloudflareRuntime() {\n  return false;',
      ),
      loader: 'js',
    }));
  },
};

const outdir = 'out/cli';
const chunkDir = path.join(outdir, 'chunks');
const result = await build({
  entryPoints: { tenantry: 'src/main/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [
    requireCommonJs,
    bundleOnly(BUNDLED),
    zodEnglishOnly,
    zodTreeShaken,
    zodJitless,
    commanderLazyChildProcess,
    pgNodeOnly,
  ],
  sourcemap: true,
  metafile: true,
  write: false,
  banner: {
    js: '#!/usr/bin/env node\nimport { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
  },
  logLevel: 'warning',
});
// Other builds and test runs share out/: each file is replaced whole (rename), chunks before the
// entry, so a process starting meanwhile finds either the old entry or the new one with its chunks.
const entry = path.resolve(outdir, 'tenantry.mjs');
const ordered = [...result.outputFiles].sort(
  (a, b) => Number(a.path.startsWith(entry)) - Number(b.path.startsWith(entry)),
);
await mkdir(chunkDir, { recursive: true });
for (const file of ordered) {
  const temp = `${file.path}.${process.pid}.tmp`;
  await writeFile(temp, file.contents, { mode: file.path === entry ? 0o755 : 0o644 });
  await rename(temp, file.path);
}
await chmod(entry, 0o755);

// Chunks of earlier builds go once no process started from them can still be loading them
// (other builds and test runs share out/).
const fresh = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(f)));
const graceMs = 10 * 60_000;
for (const name of await readdir(chunkDir).catch(() => [])) {
  const file = path.resolve(chunkDir, name);
  if (fresh.has(file) || fresh.has(file.replace(/\.map$/, ''))) continue;
  const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: Date.now() }));
  if (Date.now() - mtimeMs > graceMs) await rm(file, { force: true });
}
