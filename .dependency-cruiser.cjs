// Import rules that need resolved paths (every kind of import, dynamic ones included), checked by
// `npm run lint` (docs/architecture.md). test/boundaries.test.ts proves that a cross-area import and
// a cycle fail. The layer rules (shared, core, renderer) are ESLint's, in eslint.config.js.

/** The feature areas of src/main/core: each calls another only through the contract or a port. */
const AREAS = ['tenants', 'migrations', 'backups', 'checks', 'checklists', 'fleet', 'monitor', 'sandbox'];
const area = `(${AREAS.join('|')})`;
/** A test (or its child-process fixture) may set up a fleet with another area's code; the code under test may not. */
const TEST_FILES = '\\.(test|int\\.test|test-helper|fixture)\\.tsx?$';

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const forbidden = [
  {
    name: 'area-through-contract',
    severity: 'error',
    comment:
      'A feature area imports only its own files, the kernel (core/domain), the services (db, jobs, audit, profiles, project, root files) and shared/. ' +
      'Another area is reached through the contract (deps.invoke) or a port wired once in create-core.ts.',
    from: { path: `^src/main/core/${area}/`, pathNot: TEST_FILES },
    to: { path: `^src/main/core/${area}/`, pathNot: '^src/main/core/$1/' },
  },
  {
    name: 'kernel-and-services-below-areas',
    severity: 'error',
    comment:
      'The kernel (core/domain) and the services (db, jobs, audit, profiles, project, the root files) never import a feature area; ' +
      'only create-core.ts wires the areas together.',
    from: {
      path: '^src/main/core/((domain|db|jobs|audit|profiles|project)/|[^/]+$)',
      pathNot: [TEST_FILES, '^src/main/core/create-core\\.ts$'],
    },
    to: { path: `^src/main/core/${area}/` },
  },
  {
    name: 'no-cycle',
    severity: 'error',
    comment:
      'A module that needs itself to load (through runtime imports; type-only imports are erased) has no clean order of layers.',
    from: { path: '^src/' },
    to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
  },
];

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|node_modules|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] },
  },
};
