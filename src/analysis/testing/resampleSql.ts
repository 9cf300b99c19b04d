/**
 * Large-table checks of the exported SQL, shared by the million-row test (npm run
 * test:warehouse) and the bench row: a resample of the typed Telco table generated inside the
 * database (no rows travel from Node), the exported query run there, and its result compared
 * with the engine's scores in SQL (count, max |dp|, max relative |dCLV|, differing segments), so
 * only one row comes back. PostgreSQL runs the query in one session per core over slices of the
 * table (its expression interpreter is single-threaded per query).
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SavedModel } from '../savedModel';
import { exportSql } from '../sql/exportSql';
import { engineCsv, type EngineScore } from './warehouseModels';
import type { Pg } from './warehouse';

export interface Agreement {
  rows: number;
  maxDp: number;
  maxDclv: number;
  segmentDiffs: number;
  /** seconds spent in the scoring query (generation and comparison excluded) */
  scoreSeconds: number;
}

const COMPARE = (res: string) => `SELECT count(*), max(abs(s.churn_probability - e.p)), max(abs(s.lifetime_value - e.clv) / greatest(1.0, abs(e.clv))), sum(CASE WHEN s.segment <> e.seg THEN 1 ELSE 0 END) FROM ${res} s JOIN eng e ON split_part(s.customer_id, '#', 1) = e.id`;

/** DuckDB: `rows` rows drawn (seeded hash) from table `telco` into table `big`; ids become "<id>#<i>". */
export async function duckResample(duck: DuckDBConnection, rows: number, seed = 42): Promise<void> {
  await duck.run(`CREATE OR REPLACE TABLE big AS SELECT t.* EXCLUDE (rn) REPLACE (t."customerID" || '#' || CAST(r.i AS VARCHAR) AS "customerID") FROM range(${rows}) r(i) JOIN (SELECT *, row_number() OVER () - 1 AS rn FROM telco) t ON t.rn = hash(r.i + ${seed}) % 7043`);
}

/** DuckDB: table `big` as `copies` copies of `telco` (Telco x copies), ids "<id>#<copy>". */
export async function duckCopies(duck: DuckDBConnection, copies: number): Promise<void> {
  await duck.run(`CREATE OR REPLACE TABLE big AS SELECT t.* REPLACE (t."customerID" || '#' || CAST(r.k AS VARCHAR) AS "customerID") FROM range(${copies}) r(k), telco t`);
}

/** DuckDB: the exported query over `big`, into table `res`, compared with the engine's scores. */
export async function duckAgreement(duck: DuckDBConnection, model: SavedModel, engine: Map<string, EngineScore>): Promise<Agreement> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-eng-'));
  try {
    writeFileSync(join(dir, 'eng.csv'), engineCsv(engine));
    await duck.run(`CREATE OR REPLACE TABLE eng AS SELECT * FROM read_csv('${join(dir, 'eng.csv')}', header = true, columns = {'id': 'VARCHAR', 'p': 'DOUBLE', 'seg': 'INTEGER', 'clv': 'DOUBLE'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { sql } = exportSql(model, { dialect: 'duckdb', table: 'big' });
  const t0 = performance.now();
  await duck.run(`CREATE OR REPLACE TABLE res AS SELECT customer_id, segment, churn_probability, lifetime_value FROM (${sql}) q`);
  const scoreSeconds = (performance.now() - t0) / 1000;
  const row = (await duck.runAndReadAll(COMPARE('res'))).getRows()[0].map(Number);
  return { rows: row[0], maxDp: row[1], maxDclv: row[2], segmentDiffs: row[3], scoreSeconds };
}

/** PostgreSQL: `rows` rows drawn (seeded hash) from table `telco` into the unlogged table `big`, split into `parts` slices
 *  (psql in a child process: Node stays free, e.g. for DuckDB's work at the same time). */
export async function pgResample(pg: Pg, columns: string[], rows: number, parts: number, seed = 42): Promise<void> {
  const rest = columns.filter((c) => c !== 'customerID').map((c) => `t."${c}"`).join(', ');
  await pg.psqlAsync(`DROP TABLE IF EXISTS big CASCADE;
CREATE UNLOGGED TABLE big AS SELECT (t."customerID" || '#' || r.i) AS "customerID", ${rest}, (r.i % ${parts})::int AS part
FROM generate_series(0, ${rows - 1}) r(i) JOIN (SELECT *, row_number() OVER () - 1 AS rn FROM telco) t ON t.rn = abs(hashint8(r.i + ${seed})) % 7043;
${Array.from({ length: parts }, (_, s) => `CREATE VIEW big_${s} AS SELECT * FROM big WHERE part = ${s};`).join('\n')}
ANALYZE big;`);
}

/** PostgreSQL: the exported query over each slice in its own session at once, then compared with the engine's scores. */
export async function pgAgreement(pg: Pg, model: SavedModel, engine: Map<string, EngineScore>, parts: number): Promise<Agreement> {
  await pg.psqlAsync(`DROP TABLE IF EXISTS eng; CREATE UNLOGGED TABLE eng (id TEXT, p DOUBLE PRECISION, seg INT, clv DOUBLE PRECISION);\nCOPY eng FROM STDIN CSV HEADER;\n${engineCsv(engine)}\\.\n`);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: parts }, (_, s) => {
      const { sql } = exportSql(model, { dialect: 'postgres', table: `big_${s}` });
      return pg.psqlAsync(`SET jit = off; DROP TABLE IF EXISTS res_${s}; CREATE UNLOGGED TABLE res_${s} AS SELECT customer_id, segment, churn_probability, lifetime_value FROM (${sql}) q;`);
    }),
  );
  const scoreSeconds = (performance.now() - t0) / 1000;
  const all = `(${Array.from({ length: parts }, (_, s) => `SELECT * FROM res_${s}`).join(' UNION ALL ')})`;
  const row = (await pg.psqlAsync(`${COMPARE(all)};`)).trim().split('|').map(Number);
  return { rows: row[0], maxDp: row[1], maxDclv: row[2], segmentDiffs: row[3], scoreSeconds };
}

/** Sessions for the PostgreSQL slices: one per core. */
export const pgParts = (): number => Math.max(1, availableParallelism());
