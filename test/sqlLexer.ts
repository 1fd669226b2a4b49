import type { SqlDialect } from '../src/index.js';

/** A query cut into what is code and what is quoted data. */
export interface LexedSql {
  /** The query with every quoted token replaced by `'?'` (strings) or `"?"` (identifiers). */
  readonly skeleton: string;
  /** Every string literal, decoded. */
  readonly strings: readonly string[];
  /** Every quoted identifier, decoded. */
  readonly identifiers: readonly string[];
}

type Escapes = 'doubling' | 'backslash' | 'both';

/**
 * How each dialect's lexer reads quotes, from its documentation (see src/sql/dialects.ts):
 * the identifier quote and its escaping, and the escaping of `'...'` strings.
 */
const RULES: Record<SqlDialect, { ident: '"' | '`'; identEscapes: Escapes; strings: Escapes }> = {
  postgres: { ident: '"', identEscapes: 'doubling', strings: 'doubling' },
  duckdb: { ident: '"', identEscapes: 'doubling', strings: 'doubling' },
  bigquery: { ident: '`', identEscapes: 'backslash', strings: 'backslash' },
  snowflake: { ident: '"', identEscapes: 'doubling', strings: 'both' },
  clickhouse: { ident: '`', identEscapes: 'backslash', strings: 'backslash' },
  spark: { ident: '`', identEscapes: 'doubling', strings: 'backslash' },
};

const BACKSLASH: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '`': '`',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Reads one quoted token starting at `start` (the opening quote); returns its text and end. */
function readQuoted(sql: string, start: number, quote: string, escapes: Escapes) {
  let text = '';
  let i = start + 1;
  for (;;) {
    if (i >= sql.length) throw new Error(`unterminated ${quote} at ${start}`);
    const char = sql[i]!;
    if (char === '\\' && escapes !== 'doubling') {
      const decoded = BACKSLASH[sql[i + 1] ?? ''];
      if (decoded === undefined) throw new Error(`unexpected escape \\${sql[i + 1]} at ${i}`);
      text += decoded;
      i += 2;
    } else if (char === quote) {
      if (escapes !== 'backslash' && sql[i + 1] === quote) {
        text += quote;
        i += 2;
      } else return { text, end: i + 1 };
    } else {
      text += char;
      i++;
    }
  }
}

/**
 * Cuts a query the way the dialect's lexer would and fails on a comment marker or a statement
 * separator outside quotes: in a query written by `toSql` those can only come from a broken escape.
 */
export function lexSql(sql: string, dialect: SqlDialect): LexedSql {
  const rules = RULES[dialect];
  const strings: string[] = [];
  const identifiers: string[] = [];
  let skeleton = '';
  let i = 0;
  while (i < sql.length) {
    const char = sql[i]!;
    const next = sql[i + 1];
    if ((char === '-' && next === '-') || (char === '/' && next === '*') || char === ';') {
      throw new Error(
        `code outside quotes holds ${char}${next} at ${i}: ${sql.slice(i - 40, i + 40)}`,
      );
    }
    if (dialect === 'postgres' && (char === 'E' || char === 'e') && next === "'") {
      const token = readQuoted(sql, i + 1, "'", 'both');
      strings.push(token.text);
      skeleton += "'?'";
      i = token.end;
    } else if (char === "'") {
      const token = readQuoted(sql, i, "'", rules.strings);
      strings.push(token.text);
      skeleton += "'?'";
      i = token.end;
    } else if (char === rules.ident) {
      const token = readQuoted(sql, i, rules.ident, rules.identEscapes);
      identifiers.push(token.text);
      skeleton += '"?"';
      i = token.end;
    } else if (char === '"' || char === '`') {
      throw new Error(`stray quote ${char} at ${i}`);
    } else {
      skeleton += char;
      i++;
    }
  }
  return { skeleton, strings, identifiers };
}
