import { describe, expect, it } from 'vitest';
import { splitStatements } from './sql-split';

describe('splitStatements', () => {
  it('splits on semicolons outside quotes, dollar quotes and comments', () => {
    const sql = `-- a comment; with a semicolon
CREATE TABLE a (x text DEFAULT 'a;b');
DO $$ BEGIN RAISE NOTICE 'x;y'; END $$;
/* block; comment */ INSERT INTO "we;ird" VALUES (E'it\\'s;');
SELECT $tag$ ; $tag$`;
    expect(splitStatements(sql)).toEqual([
      "-- a comment; with a semicolon\nCREATE TABLE a (x text DEFAULT 'a;b');",
      "DO $$ BEGIN RAISE NOTICE 'x;y'; END $$;",
      `/* block; comment */ INSERT INTO "we;ird" VALUES (E'it\\'s;');`,
      'SELECT $tag$ ; $tag$',
    ]);
  });

  it('drops empty and comment-only pieces', () => {
    expect(splitStatements('SELECT 1;;\n-- trailing\n')).toEqual(['SELECT 1;']);
  });
});
