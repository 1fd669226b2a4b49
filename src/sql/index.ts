export type { SqlDialect, ToSqlColumns, ToSqlOptions } from './toSql.js';
export { toSql } from './toSql.js';
