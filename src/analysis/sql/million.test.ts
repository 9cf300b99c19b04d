/**
 * The exported SQL on a 1,000,000-row resample of Telco, generated inside each database, for
 * every model (logistic, GBDT, forest, ensemble, MLP), on DuckDB and PostgreSQL: probabilities
 * within 1e-9 of the engine's, identical segment ids, CLV (each customer's survival curve) within
 * 1e-9 (relative). The time is the engines executing the query (the engine side scores Telco's 7,043
 * customers once; the resample is generated in the database; one aggregate row comes back per model):
 * at 1,000,000 rows under load ~12, CPU per model DuckDB 9-20 s and PostgreSQL 15-20 s (MLP 34 s; was 48-168 s: README,
 * before/after the cheaper SQL), so minutes on two cores: it runs as its own suite in `npm test` (scripts/test.sh,
 * after the unit tests) and alone with `npm run test:warehouse` (WAREHOUSE_MILLION=1); the unit run
 * skips it. WAREHOUSE_ROWS sets another size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { MODEL_NAMES, warehouseModels, type WarehouseModels } from '../testing/warehouseModels';
import { startPg, typedTableSql, TELCO_CSV, type Pg } from '../testing/warehouse';
import { duckAgreement, duckResample, pgAgreement, pgParts, pgResample, type Agreement } from '../testing/resampleSql';

const ON = process.env.WAREHOUSE_MILLION === '1';
const ROWS = Number(process.env.WAREHOUSE_ROWS ?? 1_000_000);
let w: WarehouseModels;
let duck: DuckDBConnection | null = null;
let pg: Pg | null = null;
const parts = pgParts();

function check(name: string, a: Agreement, where: string): void {
  console.log(`${where} ${name}: ${a.rows} rows scored in ${a.scoreSeconds.toFixed(1)} s; max |dp| ${a.maxDp.toExponential(2)}, max rel |dCLV| ${a.maxDclv.toExponential(2)}, ${a.segmentDiffs} segment differences`);
  expect(a.rows).toBe(ROWS);
  expect(a.maxDp, `${where} ${name} max |p_sql - p_engine|`).toBeLessThan(1e-9);
  expect(a.maxDclv, `${where} ${name} CLV`).toBeLessThan(1e-9);
  expect(a.segmentDiffs, `${where} ${name} segment ids`).toBe(0);
}

describe.runIf(ON)(`SQL export on a ${ROWS.toLocaleString('en-US')}-row resample (npm run test:warehouse)`, () => {
  beforeAll(async () => {
    w = await warehouseModels();
    const model = w.models.get('ensemble')!;
    const header = w.raw.columns.map((c) => c.name);
    duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(`CREATE TABLE raw AS SELECT * FROM read_csv('${TELCO_CSV}', all_varchar = true, header = true)`);
    await duck.run(typedTableSql(model, header, 'raw', 'telco', 'DOUBLE'));
    await duckResample(duck, ROWS);
    pg = startPg(1800);
    if (!pg) throw new Error('PostgreSQL is not available (scripts/pg.sh install)');
    pg.psql(`DROP TABLE IF EXISTS telco CASCADE; DROP TABLE IF EXISTS raw CASCADE;\nCREATE TABLE raw (${header.map((h) => `"${h}" TEXT`).join(', ')});\n\\copy raw FROM '${TELCO_CSV}' CSV HEADER\n${typedTableSql(model, header, 'raw', 'telco', 'DOUBLE PRECISION')};`);
    pgResample(pg, header, ROWS, parts);
  }, 600_000);

  afterAll(() => {
    pg?.stop();
    duck?.closeSync();
  }, 120_000);

  it.each(MODEL_NAMES)('DuckDB, %s: within 1e-9, identical segments', async (name) => {
    check(name, await duckAgreement(duck!, w.models.get(name)!, w.engine.get(name)!), 'DuckDB');
  }, 1_800_000);

  it.each(MODEL_NAMES)(`PostgreSQL (${parts} sessions over slices), %s: within 1e-9, identical segments`, async (name) => {
    check(name, await pgAgreement(pg!, w.models.get(name)!, w.engine.get(name)!, parts), 'PostgreSQL');
  }, 1_800_000);
});

describe.skipIf(ON)('SQL export on 1,000,000 rows', () => {
  it.skip('runs as its own suite in npm test (scripts/test.sh) and with npm run test:warehouse', () => {});
});
