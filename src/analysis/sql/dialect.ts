/**
 * The five SQL dialects the pipeline exports to, and the few places they differ: identifier
 * quoting, the double and text type names. Everything else is a portable subset (CASE,
 * COALESCE, EXP, LN, arithmetic, comparisons) that all five accept.
 */

export const DIALECTS = ['duckdb', 'postgres', 'spark', 'bigquery', 'snowflake'] as const;
export type DialectName = (typeof DIALECTS)[number];

export interface Dialect {
  name: DialectName;
  label: string;
  quote: (ident: string) => string;
  double: string;
  text: string;
  /** a double literal where it stands alone (a CASE result, a constant table's cell): PostgreSQL reads 1.5e0 as
   *  numeric, and a numeric CASE or column read in double arithmetic is converted on every row (through text);
   *  cast there, folded once when the query is planned */
  float: (x: number) => string;
}

const dq = (s: string) => `"${s.replace(/"/g, '""')}"`;
const bq = (s: string) => `\`${s.replace(/`/g, '``')}\``;

export const DIALECT: Record<DialectName, Dialect> = {
  duckdb: { name: 'duckdb', label: 'DuckDB', quote: dq, double: 'DOUBLE', text: 'VARCHAR', float: (x) => num(x) },
  postgres: { name: 'postgres', label: 'PostgreSQL', quote: dq, double: 'DOUBLE PRECISION', text: 'TEXT', float: (x) => `${num(x)}::float8` },
  spark: { name: 'spark', label: 'Spark SQL', quote: bq, double: 'DOUBLE', text: 'STRING', float: (x) => num(x) },
  bigquery: { name: 'bigquery', label: 'BigQuery', quote: bq, double: 'FLOAT64', text: 'STRING', float: (x) => num(x) },
  snowflake: { name: 'snowflake', label: 'Snowflake', quote: dq, double: 'DOUBLE', text: 'VARCHAR', float: (x) => num(x) },
};

/**
 * A double constant printed so it round-trips exactly: 17 significant digits in exponent
 * form (every dialect reads an exponent literal as a double, not a decimal that would be
 * rounded again on conversion). Non-finite values have no literal: programmer error.
 */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`sql: ${x} has no SQL literal`);
  if (Object.is(x, -0)) return '0.0e0';
  return x.toExponential(16).replace('e+', 'e');
}

/** A string literal: quotes doubled (DuckDB, PostgreSQL), or backslash escapes where backslash is special (Spark, BigQuery; Snowflake takes both). */
export function str(s: string, d: Dialect): string {
  if (d.name === 'duckdb' || d.name === 'postgres') return `'${s.replace(/'/g, "''")}'`;
  const esc = s.replace(/\\/g, '\\\\');
  return d.name === 'snowflake' ? `'${esc.replace(/'/g, "''")}'` : `'${esc.replace(/'/g, "\\'")}'`;
}

/** A table name given as dotted parts (db.schema.table), each part quoted. */
export function tableName(name: string, d: Dialect): string {
  return name.split('.').map((p) => d.quote(p)).join('.');
}
