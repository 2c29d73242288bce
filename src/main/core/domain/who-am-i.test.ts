import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { userName, whoAmI } from './who-am-i';

const noPasswdEntry = () => {
  throw Object.assign(new Error('ENOENT: no such file or directory, uv_os_get_passwd'), { code: 'ENOENT' });
};

describe('userName', () => {
  it('is the OS user when there is one', () => {
    expect(userName(() => 'ana', { USER: 'other' })).toBe('ana');
  });

  it('falls back to USER, then USERNAME, then LOGNAME when the uid has no passwd entry', () => {
    expect(userName(noPasswdEntry, { USER: 'u', USERNAME: 'w', LOGNAME: 'l' })).toBe('u');
    expect(userName(noPasswdEntry, { USERNAME: 'w', LOGNAME: 'l' })).toBe('w');
    expect(userName(noPasswdEntry, { LOGNAME: 'l' })).toBe('l');
    expect(userName(noPasswdEntry, { USER: '', LOGNAME: 'l' })).toBe('l');
  });

  it("is 'unknown' when nothing names the user", () => {
    expect(userName(noPasswdEntry, {})).toBe('unknown');
    expect(userName(() => '', {})).toBe('unknown');
  });
});

describe('whoAmI', () => {
  it('is this process user, the same answer every time', () => {
    let expected: string;
    try {
      expected = userInfo().username;
    } catch {
      expected = userName(noPasswdEntry);
    }
    expect(whoAmI()).toBe(expected);
    expect(whoAmI()).toBe(whoAmI());
  });
});
