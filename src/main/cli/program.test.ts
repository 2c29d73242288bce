import { describe, expect, it } from 'vitest';
import { buildProgram, COMMAND_MODULES, GLOBAL_OPTIONS, namedCommand } from './program';

describe('the program, loaded by the command it runs', () => {
  it('lists every top-level command under the module that defines it, in help order', async () => {
    const program = await buildProgram();
    expect(COMMAND_MODULES.flatMap((m) => m.names)).toEqual(program.commands.map((c) => c.name()));
    for (const module of COMMAND_MODULES)
      for (const name of module.names)
        expect((await buildProgram(name)).commands.map((c) => c.name())).toEqual(module.names);
  });

  it('knows the global options as the program defines them', async () => {
    const program = await buildProgram();
    const defined = program.options.filter((o) => o.long !== '--version' && o.long !== '--help');
    expect(defined.filter((o) => o.required).map((o) => o.long)).toEqual(GLOBAL_OPTIONS.valued);
    expect(defined.filter((o) => !o.required).map((o) => o.long)).toEqual(GLOBAL_OPTIONS.flags);
  });

  it('finds the command after global options, and the whole program for anything else', () => {
    const named = (...words: string[]) => namedCommand(['node', 'tenantry', ...words], GLOBAL_OPTIONS);
    expect(named('profiles', 'list')).toBe('profiles');
    expect(named('--json', '--profile', 'prod', 'audit', 'list')).toBe('audit');
    expect(named('--url=postgres://x@h/db', '--yes', 'migrate', '--dry-run')).toBe('migrate');
    expect(named('--lock-wait', '3', 'query', 'SELECT 1')).toBe('query');
    expect(named('help', 'audit')).toBeUndefined();
    expect(named('--help')).toBeUndefined();
    expect(named('-h', 'audit')).toBeUndefined();
    expect(named('--bogus', 'audit', 'list')).toBeUndefined();
    expect(named('audti', 'list')).toBeUndefined();
    expect(named('--profile')).toBeUndefined();
    expect(named()).toBeUndefined();
  });
});
