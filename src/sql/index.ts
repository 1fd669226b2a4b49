// The model as one SQL query per warehouse dialect (toSql).
export type { SqlDialect, ToSqlColumns, ToSqlOptions } from './toSql.js';
export { toSql } from './toSql.js';
