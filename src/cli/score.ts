/**
 * Scores a new file with a saved model, without retraining:
 *   npm run score -- <model.json> <file.csv> --out <dir> [--map saved=new,...]
 * Writes <dir>/scores.csv (id, segment, churn probability, lifetime value, reasons) and
 * <dir>/drift.json (findings, PSI per feature, score distribution, out-of-time check when the
 * file has the churn flag). A bad model or file exits 1 with one human line.
 */
import { existsSync, mkdirSync, openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../analysis/data/parse';
import { parseSavedModelText } from '../analysis/model/validate';
import { scoreTable } from '../analysis/model/scoreNewFile';
import { driftReport } from '../analysis/model/drift';
import { scoresCsv } from '../analysis/model/scoresCsv';
import type { Io } from './analyze';

const USAGE = 'Usage: npm run score -- <model.json> <file.csv> --out <dir> [--map savedColumn=fileColumn,...]';

/** Runs the score CLI; returns the exit code (0 ok, 1 bad model or file, 2 bad usage). */
export async function runScoreCli(argv: string[], io: Io): Promise<number> {
  const files: string[] = [];
  let out = 'out';
  const mapping: Record<string, string> = Object.create(null);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' || a === '--map') {
      const v = argv[++i];
      if (v === undefined) return bad(io, `${a} needs a value`);
      if (a === '--out') out = v;
      else
        for (const pair of v.split(',')) {
          const eq = pair.indexOf('=');
          if (eq <= 0) return bad(io, `--map expects savedColumn=fileColumn, got "${pair}"`);
          mapping[pair.slice(0, eq)] = pair.slice(eq + 1);
        }
    } else if (a.startsWith('--')) return bad(io, `unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 2) return bad(io, 'give a saved model (model.json) and a CSV file');
  const [modelPath, csvPath] = files.map((f) => resolve(f));
  for (const f of [modelPath, csvPath])
    if (!existsSync(f)) {
      io.stderr(`Error: file not found: ${f}\n`);
      return 1;
    }
  const parsed = parseSavedModelText(readFileSync(modelPath, 'utf8'));
  if (!parsed.ok) {
    io.stderr(`Error (${parsed.code}): ${parsed.message}\n`);
    return 1;
  }
  const table = await parseCsv(await openAsBlob(csvPath), basename(csvPath));
  if (!table.ok) {
    io.stderr(`Error (${table.code}): ${table.message}\n`);
    return 1;
  }
  const model = parsed.model;
  const t = scoreTable(model, table.table, mapping);
  if (!t.ok) {
    io.stderr(`Error (${t.code}): ${t.message}\n`);
    return 1;
  }
  const scored = t.scored;
  const drift = driftReport(model, scored);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'scores.csv'), scoresCsv(model, scored));
  writeFileSync(join(out, 'drift.json'), JSON.stringify({ model: model.source, reasonsFrom: scored.reasonsFrom, lifetimeValue: scored.clvMethod, findings: [...t.findings, ...drift.findings], drift }, null, 1));
  const oot = drift.outcome;
  io.stdout(
    `${scored.n.toLocaleString('en-US')} customers scored with the model trained on ${model.source.fileName}; ` +
      `${t.findings.length + drift.findings.length} finding(s)` +
      (oot ? `; out-of-time ROC-AUC ${oot.rocAuc === null ? '-' : oot.rocAuc.toFixed(3)} (predicted churn ${(100 * oot.predictedRate).toFixed(1)}%, actual ${(100 * oot.actualRate).toFixed(1)}%)` : '') +
      `; wrote ${join(out, 'scores.csv')} and drift.json\n${scored.clvMethod.text}\n`,
  );
  return 0;
}

function bad(io: Io, msg: string): number {
  io.stderr(`${msg}\n${USAGE}\n`);
  return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runScoreCli(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) })
    .then((code) => process.exit(code))
    .catch((e: Error) => {
      process.stderr.write(`Error: ${e?.message ?? e}\n`);
      process.exit(1);
    });
}
