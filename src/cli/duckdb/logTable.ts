/**
 * The CLI's DuckDB engine, step 1: an invoice log of any size (.csv or .parquet) read into a
 * DuckDB database on disk (out of core: DuckDB spills to its temp directory), every cell as
 * text as the in-memory engine reads it, with the line number; and a sample of its first lines
 * parsed by the engine itself for column types and roles (the mapping step's detection).
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parseCsv } from '../../analysis/data/parse';
import { inspectTable, type Inspected } from '../../analysis/data/prepare';

/** Lines read for column types and roles. */
export const SAMPLE_LINES = 100_000;

export interface LogDb {
  duck: DuckDBConnection;
  /** column names, in file order */
  columns: string[];
  lines: number;
  /** the first SAMPLE_LINES lines, inspected by the engine */
  sample: Inspected;
  close(): void;
}

export const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Opens a fresh on-disk database and loads `file` into table `lines` (text cells, '' for empty, `_row` = line number from 0). */
export async function openLog(file: string, fileName: string, memoryLimit = '2GB'): Promise<LogDb> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-duck-'));
  const instance = await DuckDBInstance.create(join(dir, 'log.duckdb'), { memory_limit: memoryLimit, temp_directory: join(dir, 'tmp'), preserve_insertion_order: 'true' });
  const duck = await instance.connect();
  const parquet = /\.parquet$/i.test(file);
  const src = parquet ? `read_parquet(${lit(file)})` : `read_csv(${lit(file)}, all_varchar = true, header = true, nullstr = '\u0001')`;
  const desc = (await duck.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`)).getRows().map((r) => String(r[0]));
  // parquet: typed columns as text the way a CSV export writes them (dates as YYYY-MM-DD)
  const cell = (c: string) => `COALESCE(CAST(${q(c)} AS VARCHAR), '')`;
  // insertion order is kept (preserve_insertion_order): rowid is the line number
  await duck.run(`CREATE TABLE lines_t AS SELECT ${desc.map((c) => `${cell(c)} AS ${q(c)}`).join(', ')} FROM ${src}`);
  await duck.run('CREATE VIEW lines AS SELECT rowid AS _row, * FROM lines_t');
  const lines = Number((await duck.runAndReadAll('SELECT count(*) FROM lines_t')).getRows()[0][0]);
  let text: string;
  if (parquet) {
    const sampleCsv = join(dir, 'sample.csv');
    await duck.run(`COPY (SELECT * EXCLUDE (_row) FROM lines WHERE _row < ${SAMPLE_LINES} ORDER BY _row) TO ${lit(sampleCsv)} (HEADER, DELIMITER ',')`);
    text = readFileSync(sampleCsv, 'utf8');
    rmSync(sampleCsv);
  } else text = await firstLines(file, SAMPLE_LINES + 1);
  const parsed = await parseCsv(text, fileName);
  if (!parsed.ok) throw new Error(parsed.message);
  return {
    duck,
    columns: desc,
    lines,
    sample: inspectTable(parsed.table),
    close() {
      duck.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first `n` lines of a text file, as they are (the engine's own parser reads them). */
async function firstLines(file: string, n: number): Promise<string> {
  const out: string[] = [];
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) {
    out.push(line);
    if (out.length >= n) break;
  }
  rl.close();
  return out.join('\n') + '\n';
}
