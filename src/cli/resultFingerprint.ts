/**
 * The refactoring guard: a compact fingerprint of what `npm run analyze` writes for the real Telco
 * file and for the demo (generateDemoCsv(42, 7043), what the page's demo button loads), committed
 * as resultFingerprint.json and compared by resultFingerprint.test.ts. Scalars are kept as they are
 * (readable in a failure), objects and arrays as a short SHA-256 of their JSON; timing keys
 * (timingsMs, fitMs, createdAt) and the backend's description of the machine are left out.
 *
 * A deliberate change of results (a new model, a new field, a fixed bug) changes the fingerprint:
 * regenerate it with `npm run fingerprint` and say so in the commit. A refactor must leave it as is.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoCsv } from '../analysis/data/demo';
import { sharedPath, TELCO_REL } from '../analysis/testing/sharedPaths';
import { runCli } from './analyze';

/** Keys that measure the run, not the result; dropped at any depth. */
export const UNSTABLE_KEYS = new Set(['timingsMs', 'fitMs', 'createdAt', 'backend']);
/** How deep objects are opened before their rest is hashed (depth 0 = analysis.json's own keys). */
const OPEN_DEPTH = 1;

export type Fingerprint = Record<string, string | number | boolean | null>;

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const stable = (v: unknown) => JSON.stringify(v, (k, x) => (UNSTABLE_KEYS.has(k) ? undefined : x));

/** Flat fingerprint of a JSON value: path -> scalar, or path -> '#' + hash of the subtree. */
export function fingerprintOf(json: unknown, path = '', depth = 0, out: Fingerprint = {}): Fingerprint {
  if (json === null || typeof json !== 'object') {
    out[path] = json as string | number | boolean | null;
    return out;
  }
  if (Array.isArray(json) || depth > OPEN_DEPTH) {
    out[path] = `#${sha(stable(json))}`;
    return out;
  }
  for (const [k, v] of Object.entries(json)) if (!UNSTABLE_KEYS.has(k) && v !== undefined) fingerprintOf(v, path ? `${path}.${k}` : k, depth + 1, out);
  return out;
}

/** The CLI's outputs for one file, fingerprinted: analysis.json key by key, customers.csv and model.json whole. */
export async function fingerprintFile(file: string): Promise<Fingerprint> {
  const out = mkdtempSync(join(tmpdir(), 'fingerprint-'));
  try {
    let err = '';
    const code = await runCli([file, '--out', out], { stdout: () => {}, stderr: (s) => (err += s) });
    if (code !== 0) throw new Error(`npm run analyze ${file} failed (${code}): ${err}`);
    const fp = fingerprintOf(JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')));
    fp['customers.csv'] = `#${sha(readFileSync(join(out, 'customers.csv'), 'utf8'))}`;
    try {
      fp['model.json'] = `#${sha(stable(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'))))}`;
    } catch {
      fp['model.json'] = null;
    }
    return fp;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The two inputs: the real Telco file (../shared) and the demo, written to a temporary file as the page's demo button generates it. */
export const INPUTS = ['telco', 'demo'] as const;

/** The fingerprint of one input (see INPUTS). */
export async function fingerprintInput(name: (typeof INPUTS)[number]): Promise<Fingerprint> {
  if (name === 'telco') return fingerprintFile(sharedPath(TELCO_REL));
  const dir = mkdtempSync(join(tmpdir(), 'fingerprint-demo-'));
  try {
    const file = join(dir, 'demo-telco-7043.csv');
    writeFileSync(file, generateDemoCsv(42, 7043));
    return await fingerprintFile(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const FINGERPRINT_FILE = resolve(import.meta.dirname, 'resultFingerprint.json');

/** `npm run fingerprint`: recompute both fingerprints and write resultFingerprint.json. */
async function main() {
  const all: Record<string, Fingerprint> = {};
  for (const name of INPUTS) {
    all[name] = await fingerprintInput(name);
    process.stdout.write(`${name}: ${Object.keys(all[name]).length} keys\n`);
  }
  writeFileSync(FINGERPRINT_FILE, JSON.stringify(all, null, 1) + '\n');
  process.stdout.write(`wrote ${FINGERPRINT_FILE}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: Error) => {
    process.stderr.write(`Error: ${e?.message ?? e}\n`);
    process.exit(1);
  });
}
