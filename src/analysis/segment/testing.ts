/**
 * Test-only helper (Node): reads the real Telco CSV from ../shared/data/telco with
 * papaparse and builds a CustomerFrame by hand, so segmentation tests do not depend on
 * the data layer being written concurrently. Blank TotalCharges -> 0 (all have tenure 0),
 * as the scikit-learn reference does. Never imported by the engine.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Papa from 'papaparse';
import type { CategoricalFeature, CustomerFrame } from '../types';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Absolute path of the Telco CSV (repo root is four levels up from this folder). */
export const TELCO_PATH = path.resolve(here, '../../../../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
export const hasTelco = (): boolean => existsSync(TELCO_PATH);

/** Loads the Telco file as a customers CustomerFrame (y = Churn == 'Yes'). */
export function loadTelcoFrame(): CustomerFrame {
  const text = readFileSync(TELCO_PATH, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const rows = parsed.data;
  const n = rows.length;
  const num = (name: string, blank = 0) =>
    Float64Array.from(rows, (r) => (r[name].trim() === '' ? blank : Number(r[name])));
  const tenure = num('tenure');
  const monthly = num('MonthlyCharges');
  const total = num('TotalCharges');
  const senior = num('SeniorCitizen');
  const catNames = parsed.meta.fields!.filter(
    (f) => !['customerID', 'tenure', 'MonthlyCharges', 'TotalCharges', 'SeniorCitizen', 'Churn'].includes(f),
  );
  const categorical: CategoricalFeature[] = catNames.map((name) => {
    const levels: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(n);
    rows.forEach((r, i) => {
      const v = r[name];
      let c = index.get(v);
      if (c === undefined) {
        c = levels.length;
        levels.push(v);
        index.set(v, c);
      }
      codes[i] = c;
    });
    return { name, codes, levels };
  });
  return {
    kind: 'customers',
    n,
    ids: rows.map((r) => r.customerID),
    y: Uint8Array.from(rows, (r) => (r.Churn === 'Yes' ? 1 : 0)),
    targetName: 'Churn',
    tenure,
    monthly,
    total,
    recency: null,
    frequency: null,
    monetary: null,
    numeric: [
      { name: 'SeniorCitizen', values: senior },
      { name: 'tenure', values: tenure },
      { name: 'MonthlyCharges', values: monthly },
      { name: 'TotalCharges', values: total },
    ],
    categorical,
  };
}
