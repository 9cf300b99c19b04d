/**
 * Test helpers for the SQL export: the Telco file loaded into DuckDB (@duckdb/node-api, in
 * memory) or a throwaway PostgreSQL cluster (scripts/pg.sh, via psql), with the numeric
 * inputs typed as doubles (blank = NULL) and every other column as text.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SavedModel } from '../savedModel';
import { TELCO_PATH } from './telco';

/** CREATE TABLE `name` from the raw text table `rawName`: numeric inputs cast to double, others kept as text. */
export function typedTableSql(model: SavedModel, header: string[], rawName: string, name: string, doubleType: string): string {
  const numeric = new Set(model.inputs.filter((i) => i.kind !== 'categorical').map((i) => i.name));
  const cols = header.map((h) => (numeric.has(h) ? `CAST(NULLIF(TRIM("${h}"), '') AS ${doubleType}) AS "${h}"` : `"${h}"`));
  return `CREATE TABLE ${name} AS SELECT ${cols.join(', ')} FROM ${rawName}`;
}

export const TELCO_CSV = TELCO_PATH;

/** A PostgreSQL cluster for one test file: PGHOST/PGPORT from the environment (npm test starts one), else started here. */
export interface Pg {
  psql(sql: string): string;
  /** the same in a session of its own, not blocking Node (sessions run at once) */
  psqlAsync(sql: string): Promise<string>;
  stop(): void;
}

const PG_SCRIPT = resolve(import.meta.dirname, '../../../scripts/pg.sh');

/** A cluster (see Pg); statements time out after `timeoutS` seconds. */
export function startPg(timeoutS = 150): Pg | null {
  let host = process.env.PGHOST;
  let port = process.env.PGPORT;
  let own: string | null = null;
  if (!host || !port) {
    try {
      own = mkdtempSync(join(tmpdir(), 'rs-pg-'));
      port = String(15432 + (process.pid % 1000));
      execFileSync('bash', [PG_SCRIPT, 'start', own, port], { stdio: 'pipe' });
      host = own;
    } catch {
      if (own) rmSync(own, { recursive: true, force: true });
      return null;
    }
  }
  const h = host;
  const p = port;
  const args = ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-h', h, '-p', p, '-U', 'postgres', '-d', 'postgres'];
  return {
    psql: (sql: string) => execFileSync('psql', args, { input: `SET statement_timeout = '${timeoutS}s';\n${sql}`, encoding: 'utf8', maxBuffer: 1 << 28 }),
    psqlAsync: (sql: string) =>
      new Promise<string>((ok, fail) => {
        const child = execFile('psql', args, { encoding: 'utf8', maxBuffer: 1 << 28 }, (err, out, errText) => (err ? fail(new Error(`${err.message}\n${errText}`)) : ok(out)));
        child.stdin!.end(`SET statement_timeout = '${timeoutS}s';\n${sql}`);
      }),
    stop: () => {
      if (!own) return;
      try {
        execFileSync('bash', [PG_SCRIPT, 'stop', own], { stdio: 'pipe' });
      } finally {
        if (existsSync(own)) rmSync(own, { recursive: true, force: true });
      }
    },
  };
}
