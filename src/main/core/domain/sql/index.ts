/** The one SQL module: PostgreSQL's own parser for splitting, positions, destructive reasons and read-only checks. */
export { loadSqlParser } from './parser';
export { lineAndColumn, positionInText, splitSql, type SqlStatement } from './statements';
export { destructiveReasons } from './destructive';
export { assertReadOnlyQuery, leadingWord, readOnlyVerdict, type ReadOnlyVerdict } from './read-only';
export { findPlaceholders, withPlaceholdersAsParams, type Placeholder } from './placeholders';
export { bindPlaceholders, type BoundSql } from './bind';
