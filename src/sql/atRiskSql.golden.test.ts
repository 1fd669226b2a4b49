import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import NodeSqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { lexSql } from '../../test/sqlLexer.js';
import { HOSTILE } from '../../test/sqlParity.js';
import { defineModel } from '../model/defineModel.js';
import { exponential } from '../model/exponential.js';
import { linear } from '../model/linear.js';
import { permanent } from '../model/permanent.js';
import { step } from '../model/step.js';
import { atRiskSql } from './atRiskSql.js';
import { SQL_DIALECTS, type SqlDialect } from './dialects.js';

/** The model of the at-risk golden queries: one half-life, a cap, a step and a permanent boost. */
const model = defineModel({
  behaviours: {
    siteVisit: { boost: 5, decay: exponential({ days: 3 }, { cutoff: { days: 30 } }), cap: 15 },
    trial: { boost: 10, decay: step({ days: 30 }) },
    signup: { boost: 10, decay: permanent() },
  },
});
const AT = Date.parse('2026-11-01T00:00:00Z');

describe('atRiskSql golden queries', () => {
  const parser = new NodeSqlParser.Parser();
  /** node-sql-parser grammars of the dialects that cannot run here. */
  const grammars: Partial<Record<SqlDialect, string>> = {
    bigquery: 'bigquery',
    snowflake: 'snowflake',
    spark: 'hive',
  };

  for (const dialect of SQL_DIALECTS) {
    const file = new URL(`./golden/atRisk/${dialect}.sql`, import.meta.url);
    const query = atRiskSql(model, {
      dialect,
      at: AT,
      within: { days: 7 },
      table: ['analytics', 'events'],
      columns: { weight: 'weight' },
    });

    it(`${dialect}: atRiskSql writes the checked-in query, below its documentation header`, () => {
      const text = readFileSync(file, 'utf8');
      const header = text
        .split('\n')
        .filter((line) => line.startsWith('--'))
        .join('\n');
      expect(header).toMatch(/https:\/\//);
      if (process.env.ENGAGEKIT_UPDATE_GOLDEN === '1') writeFileSync(file, `${header}\n${query}\n`);
      else expect(text).toBe(`${header}\n${query}\n`);
    });

    const grammar = grammars[dialect];
    if (grammar !== undefined) {
      it(`${dialect}: the golden query parses as one SELECT with node-sql-parser (${grammar})`, () => {
        const ast = parser.astify(readFileSync(file, 'utf8'), { database: grammar });
        const statements = Array.isArray(ast) ? ast : [ast];
        expect(statements.map((statement) => statement.type)).toEqual(['select']);
      });
    }
  }
});

describe('atRiskSql safety in every dialect', () => {
  it('a hostile table or behaviour name appears only quoted: the query around it is the same', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SQL_DIALECTS),
        fc.constantFrom(...HOSTILE),
        fc.constantFrom(...HOSTILE),
        (dialect, id, table) => {
          const write = (behaviour: string, name: string) =>
            atRiskSql(
              defineModel({
                behaviours: {
                  [behaviour]: { boost: 40, decay: linear({ days: 10 }) },
                  other: { boost: 5, decay: exponential({ days: 2 }) },
                },
              }),
              { dialect, at: AT, within: { days: 3 }, table: name },
            );
          const plain = lexSql(write('x', 't'), dialect);
          const hostile = lexSql(write(id, table), dialect);
          expect(hostile.skeleton).toBe(plain.skeleton);
          expect(hostile.strings).toContain(id);
          expect(hostile.identifiers).toContain(table);
        },
      ),
      { numRuns: 100 },
    );
  });
});
