/** Every bad-input corpus file through the CLI: a coded one-line error, or a completed analysis
 *  whose report lists the expected warning codes. Cell payloads never reach the CSV as formulas. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './analyze';
import { writeCorpus, writeLarge } from '../../scripts/corpus';
import type { ParsingExpectation } from '../../scripts/corpus/parsing';
import type { MarkupExpectation } from '../../scripts/corpus/markup';
import { cohortProblems } from '../../scripts/corpus/cohortCheck';

const dir = mkdtempSync(join(tmpdir(), 'rs-corpus-'));
const cases = writeCorpus(dir);

async function cli(file: string, out: string) {
  let stdout = '';
  let stderr = '';
  // --quick: these cases check reading, cleaning and the first result; none reads a refined number
  // (the refining work is pinned on Telco and the demo: resultFingerprint, refine, rechoice, tuned)
  const code = await runCli([join(dir, file), '--out', out, '--models', 'logistic', '--folds', '3', '--quick'], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('bad-input corpus through the CLI', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const out = join(dir, 'out-' + c.file);
      const r = await cli(c.file, out);
      if ('error' in c.expect) {
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`(${c.expect.error})`);
        expect(r.stderr).toMatch(c.expect.message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        return;
      }
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const a = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
      const codes = a.warnings.map((w: { code: string }) => w.code);
      expect(codes).toEqual(expect.arrayContaining(c.expect.warnings));
      if (c.expect.rows !== undefined) expect(a.rows).toBe(c.expect.rows);
      const more = c.expect as ParsingExpectation;
      if (more.kind) expect(a.kind).toBe(more.kind);
      // Issue 12's accounting rule, on every completed case: customers analysed (logs: lines aggregated
      // into customers) + rows (lines) reported as set aside = the file's data rows (lines).
      expect(c.expect.dataRows, 'every completed corpus case states its data rows').toBeTypeOf('number');
      const setAside = a.warnings.reduce((s: number, w: { dropped?: number }) => s + (w.dropped ?? 0), 0);
      const used = a.kind === 'transactions' ? a.linesAggregated : a.rows;
      expect(used + setAside).toBe(c.expect.dataRows);
      expect(a.inputRows).toBe(c.expect.dataRows);
      // Issue 14: every invoice log gets its cohort grid (null, never 0, past the log's end) and revenue movements.
      if (a.kind === 'transactions') {
        expect(cohortProblems(a.lifetime.cohorts.cohorts, a.lifetime.cohorts.share)).toEqual([]);
        expect(a.lifetime.movements.length).toBeGreaterThan(1);
        for (const m of a.lifetime.movements) for (const k of ['new', 'expansion', 'contraction', 'churned', 'reactivated', 'nrr', 'quickRatio']) expect(m).toHaveProperty(k);
      }
      (c.expect as MarkupExpectation).check?.(a, readFileSync(join(out, 'customers.csv'), 'utf8'));
      if (c.expect.noChurn) expect(a.churn).toBeNull();
      else expect(a.churn.models[0].cvRocAuc.mean).toBeGreaterThan(0.5);
      // --quick stopped after the first result and says what it left out (the model choice refines up to 20,000 rows)
      if (a.churn && a.rows <= 20_000) expect(a.warnings.find((w: { code: string }) => w.code === 'refining-skipped')?.message).toMatch(/^Not computed: .*model choice/);
      if (c.file === 'payloads.csv') {
        const text = readFileSync(join(out, 'customers.csv'), 'utf8');
        // No cell may start with a formula character (negative numbers aside).
        expect(text).not.toMatch(/(^|,)"?([=+@]|-[^0-9])/m);
        expect(text).toContain("'@SUM(1+1)*50,");
        expect(text).toContain("'+cmd|' /C calc'!A100,");
      }
      if (c.file === 'semicolon-decimal-comma.csv') {
        expect(a.columns.find((x: { name: string }) => x.name === 'MonthlyCharges').type).toBe('numeric');
        expect(a.kpis.arpu.value).toBeGreaterThan(20);
      }
    });
  }
  it('a 300 MB file streams through with bounded memory', async () => {
    const rows = writeLarge(join(dir, 'large.csv'), Number(process.env.RS_LARGE_MB ?? 300));
    const out = join(dir, 'out-large');
    const r = await cli('large.csv', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const a = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
    expect(a.rows).toBe(rows);
    expect(a.columns.find((x: { name: string }) => x.name === 'Notes').excluded).toBe('free text');
  }, 300_000);
});
