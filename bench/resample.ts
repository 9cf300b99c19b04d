/**
 * Seeded resampler for the benchmark: writes N x Telco files (rows drawn with replacement,
 * small jitter on numeric columns, new unique ids), streamed so memory stays low.
 *
 *   node --import tsx bench/resample.ts [--scale 10] [--seed 42] [--src <csv>] [--out <csv>]
 *
 * Method (same as the Python anchor's `synthesize`): tenure +-1 month (clipped 1..72, 0 kept 0);
 * MonthlyCharges and TotalCharges x (1 + N(0, 0.01)), 2 decimals; blank TotalCharges stays blank;
 * categoricals unchanged; id = "<source id>-<row number>".
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/analysis/random';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TELCO_CSV = resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
export const DATA_DIR = resolve(REPO_ROOT, 'bench/data');

/** Column positions the jitter needs; -1 when the column is absent. */
export interface ColumnIndex {
  id: number;
  tenure: number;
  monthly: number;
  total: number;
}

export function columnIndex(header: string[]): ColumnIndex {
  const at = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  return { id: at('customerID'), tenure: at('tenure'), monthly: at('MonthlyCharges'), total: at('TotalCharges') };
}

/** Standard normal from a uniform rng (Box-Muller, one value per call). */
export function gaussian(rng: () => number): number {
  const u = 1 - rng(); // (0, 1]
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Split one CSV line (handles double-quoted fields with commas and "" escapes). */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      }
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    }
    else cur += c;
  }
  out.push(cur);
  return out;
}

export function joinCsvLine(fields: string[]): string {
  return fields.map((f) => (/[",\n\r]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}

/**
 * One resampled row from a source row: pure apart from the rng it draws from
 * (always 3 draws of jitter, so the stream of rows is reproducible for a seed).
 */
export function resampleRow(src: readonly string[], rowNumber: number, cols: ColumnIndex, rng: () => number): string[] {
  const row = src.slice();
  if (cols.id >= 0) row[cols.id] = `${src[cols.id]}-${rowNumber}`;
  const dt = Math.floor(rng() * 3) - 1; // -1, 0, +1 month
  const jm = 1 + 0.01 * gaussian(rng);
  const jt = 1 + 0.01 * gaussian(rng);
  if (cols.tenure >= 0) {
    const t0 = Number(src[cols.tenure]);
    if (Number.isFinite(t0) && src[cols.tenure].trim() !== '') {
      row[cols.tenure] = String(t0 === 0 ? 0 : Math.min(72, Math.max(1, Math.round(t0) + dt)));
    }
  }
  const jitter = (i: number, f: number) => {
    if (i < 0) return;
    const s = src[i].trim();
    const v = Number(s);
    if (s === '' || !Number.isFinite(v)) return; // blanks (and junk) stay as they are
    row[i] = (Math.round(v * f * 100) / 100).toFixed(2);
  };
  jitter(cols.monthly, jm);
  jitter(cols.total, jt);
  return row;
}

export interface ResampleOptions {
  src?: string;
  out: string;
  rows: number;
  seed?: number;
}

/** Stream `rows` resampled rows (plus the header) to `out`; resolves with bytes written. */
export async function resampleFile(opts: ResampleOptions): Promise<number> {
  const text = readFileSync(opts.src ?? TELCO_CSV, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]);
  const source = lines.slice(1).map(splitCsvLine);
  const cols = columnIndex(header);
  const rng = mulberry32(opts.seed ?? 42);
  mkdirSync(dirname(opts.out), { recursive: true });
  const ws = createWriteStream(opts.out);
  const write = (s: string) => (ws.write(s) ? Promise.resolve() : new Promise<void>((r) => ws.once('drain', () => r())));
  await write(joinCsvLine(header) + '\n');
  let buf = '';
  for (let i = 0; i < opts.rows; i++) {
    const src = source[Math.floor(rng() * source.length)];
    buf += joinCsvLine(resampleRow(src, i, cols, rng)) + '\n';
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  if (buf) await write(buf);
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
  return statSync(opts.out).size;
}

/** The scaled file for a factor, generated once (cached in bench/data/ by name). */
export async function ensureScaled(scale: number, seed = 42): Promise<string> {
  if (scale === 1) return TELCO_CSV;
  const out = resolve(DATA_DIR, `telco-x${scale}-seed${seed}.csv`);
  if (!existsSync(out)) {
    await resampleFile({ out: out + '.tmp', rows: 7043 * scale, seed });
    renameSync(out + '.tmp', out);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = Number(arg('--scale') ?? 10);
  const seed = Number(arg('--seed') ?? 42);
  const t0 = performance.now();
  const out = arg('--out');
  const done = out
    ? resampleFile({ src: arg('--src'), out: resolve(out), rows: Math.round(7043 * scale), seed }).then(() => resolve(out))
    : ensureScaled(scale, seed);
  done.then((p) => {
    process.stdout.write(`${p}: ${(statSync(p).size / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - t0)} ms\n`);
  });
}
