/**
 * Reads a new file's columns through a saved model's input schema: numbers parsed as in
 * training and imputed with the training values, categories trimmed, derived counts rebuilt.
 * Missing columns, unparseable cells and new categories become findings, never errors.
 */
import type { RawColumn, RawTable, Warning } from '../types';
import { isBlank, parseBoolean, parseNumber } from '../data/values';
import type { SavedModel } from './types';
import { fmtInt } from '../format/numbers';

export interface ReadColumns {
  n: number;
  numeric: Map<string, Float64Array>;
  /** per numeric input: 1 where the cell was blank or not a number (the value holds the fill) */
  missing: Map<string, Uint8Array>;
  /** trimmed text per row, null = blank */
  categorical: Map<string, (string | null)[]>;
  /** the file's column used for each input (the name mapping applied) */
  matched: Map<string, string>;
  findings: Warning[];
}

/** Column lookup: an explicit mapping (saved name -> file name) first, then the exact name, then a trimmed case-insensitive match. */
export function findColumn(raw: RawTable, name: string, mapping: Record<string, string> | undefined, findings: Warning[]): RawColumn | null {
  const want = mapping && Object.prototype.hasOwnProperty.call(mapping, name) ? mapping[name] : name;
  const exact = raw.columns.find((c) => c.name === want);
  if (exact) return exact;
  const key = want.trim().toLowerCase();
  const loose = raw.columns.find((c) => c.name.trim().toLowerCase() === key);
  if (loose) findings.push({ code: 'score/column-renamed', message: `Column "${name}" was matched to "${loose.name}" (same name apart from case or spaces).`, count: 1, column: name });
  return loose ?? null;
}

/** Every input of the model read from `raw` (n rows), imputed as in training. */
export function readColumns(model: SavedModel, raw: RawTable, mapping?: Record<string, string>): ReadColumns {
  const n = raw.nRows;
  const findings: Warning[] = [];
  const numeric = new Map<string, Float64Array>();
  const categorical = new Map<string, (string | null)[]>();
  const matched = new Map<string, string>();
  const missingMask = new Map<string, Uint8Array>();
  for (const inp of model.inputs) {
    const col = findColumn(raw, inp.name, mapping, findings);
    if (col) matched.set(inp.name, col.name);
    if (inp.kind === 'categorical') {
      const vals: (string | null)[] = new Array(n).fill(null);
      if (!col) findings.push({ code: 'score/missing-column', message: `Column "${inp.name}" is not in this file: every customer is scored as if it were blank.`, count: n, column: inp.name });
      else {
        const lv = col.levels.map((l) => (isBlank(l) ? null : l.trim()));
        for (let i = 0; i < n; i++) vals[i] = lv[col.codes[i]];
      }
      categorical.set(inp.name, vals);
      continue;
    }
    const values = new Float64Array(n).fill(NaN);
    const miss = new Uint8Array(n).fill(1);
    let invalid = 0;
    let sample = '';
    const examples: number[] = [];
    if (col) {
      const lv = col.levels.map((l) => (inp.kind === 'boolean' ? Math.max(0, parseBoolean(l)) : parseNumber(l, inp.decimal ?? 'dot')));
      const bad = col.levels.map((l, k) => Number.isNaN(lv[k]) && !isBlank(l));
      for (let i = 0; i < n; i++) {
        const k = col.codes[i];
        values[i] = lv[k];
        miss[i] = Number.isNaN(lv[k]) ? 1 : 0;
        if (bad[k]) {
          invalid++;
          if (examples.length < 5) examples.push(i + 1);
          if (!sample) sample = col.levels[k].slice(0, 30);
        }
      }
    }
    let nMiss = 0;
    for (let i = 0; i < n; i++) nMiss += miss[i];
    if (!col) findings.push({ code: 'score/missing-column', message: `Column "${inp.name}" is not in this file: ${fillText(inp)} for every customer.`, count: n, column: inp.name });
    else if (invalid > 0 && invalid >= (n - nMiss + invalid) / 2)
      findings.push({ code: 'score/type-changed', message: `Column "${inp.name}" was numeric when the model was trained but most cells here are not numbers (e.g. "${sample}"): they were treated as blank (${fillText(inp)}).`, count: invalid, column: inp.name, examples });
    else if (invalid > 0)
      findings.push({ code: 'score/non-numeric-cells', message: `${fmtInt(invalid)} cell(s) in "${inp.name}" are not numbers (e.g. "${sample}"): treated as blank (${fillText(inp)}).`, count: invalid, column: inp.name, examples });
    else if (nMiss > 0 && col)
      findings.push({ code: 'score/imputed', message: `${fmtInt(nMiss)} blank cell(s) in "${inp.name}": ${fillText(inp)}.`, count: nMiss, column: inp.name });
    numeric.set(inp.name, values);
    missingMask.set(inp.name, miss);
  }
  // imputation after every column is read (the total-spend rule reads tenure and monthly as parsed)
  const parsed = new Map([...numeric].map(([k, v]) => [k, v.slice()]));
  for (const inp of model.inputs) {
    if (inp.kind !== 'numeric') continue;
    const v = numeric.get(inp.name)!;
    const miss = missingMask.get(inp.name)!;
    const imp = inp.impute;
    if (!imp) continue;
    if (imp.kind === 'median') {
      for (let i = 0; i < n; i++) if (miss[i]) v[i] = imp.value;
    } else {
      const t = parsed.get(imp.tenure);
      const m = parsed.get(imp.monthly);
      for (let i = 0; i < n; i++)
        if (miss[i]) {
          const tn = t && Number.isFinite(t[i]) ? t[i] : 0;
          v[i] = tn > 0 && m && Number.isFinite(m[i]) ? tn * m[i] : 0;
        }
    }
  }
  for (const d of model.derived) {
    const out = new Float64Array(n);
    for (const c of d.columns) {
      const vals = categorical.get(c);
      if (vals) for (let i = 0; i < n; i++) if (vals[i] === d.level) out[i]++;
    }
    numeric.set(d.name, out);
  }
  return { n, numeric, missing: missingMask, categorical, matched, findings };
}

function fillText(inp: { impute?: SavedModel['inputs'][number]['impute']; kind: string }): string {
  if (inp.kind === 'boolean') return 'read as 0';
  const imp = inp.impute;
  if (!imp) return 'left blank';
  return imp.kind === 'median' ? `filled with the training median (${Number(imp.value.toPrecision(6))})` : `filled with ${imp.tenure} x ${imp.monthly} (0 when tenure is 0)`;
}
