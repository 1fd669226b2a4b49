// The model as one SQL query per warehouse dialect (toSql), and the at-risk list in SQL (atRiskSql).
export type { AtRiskSqlOptions } from './atRiskSql.js';
export { atRiskSql } from './atRiskSql.js';
export type { SqlDialect, ToSqlColumns, ToSqlOptions } from './toSql.js';
export { toSql } from './toSql.js';
