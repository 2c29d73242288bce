import { describe, expect, it } from 'vitest';
import { allMethods, methodContract } from './contract';

describe('the contract, loaded one area at a time', () => {
  it('finds every call where its name says, with input and output schemas', async () => {
    const methods = await allMethods();
    expect(methods.length).toBeGreaterThan(50);
    expect(new Set(methods).size).toBe(methods.length);
    for (const method of methods) {
      const schemas = await methodContract(method);
      expect(schemas, method).toBeDefined();
      expect(typeof schemas!.input.safeParse, method).toBe('function');
      expect(typeof schemas!.output.safeParse, method).toBe('function');
    }
  });

  it('knows no call outside it', async () => {
    for (const name of ['nope.never', 'profiles.nope', 'constructor', 'toString.call', '__proto__.x', ''])
      expect(await methodContract(name), name).toBeUndefined();
  });
});
