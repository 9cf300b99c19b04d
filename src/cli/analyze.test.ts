import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './analyze';

const root = resolve(import.meta.dirname, '../..');
/** `npm run analyze` as its own process (what a user runs: exit status, stderr). */
const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/analyze.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
/** The same CLI in this process (each tsx process costs ~1.5 s of start-up): runCli's return is the process's exit status. */
async function inProcess(args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const status = await runCli(args, { stdout: () => {}, stderr: (s) => (stderr += s) });
  return { status, stderr };
}

describe('CLI', () => {
  it('analyses a transaction log and writes analysis.json and customers.csv', () => {
    const out = mkdtempSync(join(tmpdir(), 'rs-cli-'));
    const r = cli(['src/analysis/data/fixtures/transactions.csv', '--out', out, '--seed', '7']);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(r.status).toBe(0);
    const a = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
    expect(a).toMatchObject({ rows: 6, kind: 'transactions', roles: { id: 'CustomerID', date: 'InvoiceDate' } });
    expect(a.backend).toMatch(/^wasm/);
    expect(a.columns.find((c: { name: string }) => c.name === 'InvoiceDate').type).toBe('date');
    expect(a.warnings.map((w: { code: string }) => w.code)).toContain('placeholder-ids');
    expect(Object.keys(a.timingsMs)).toContain('parse');
    expect(readFileSync(join(out, 'customers.csv'), 'utf8').trim().split('\n').length).toBe(7);
  });
  it('exits 1 with one human line for a bad file, never a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-cli-'));
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.csv', '', /empty/i],
      ['header.csv', 'a,b,c\n', /no data rows/i],
      ['one.csv', 'name\nann\nbob\n', /one column/i],
      ['image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /not a text CSV/i],
    ];
    for (const [name, content, message] of cases) {
      writeFileSync(join(dir, name), content);
      // the image as a process of its own (the exit status and stderr a user sees); the rest in this process
      const r = name === 'image.csv' ? cli([join(dir, name), '--out', join(dir, 'out')]) : await inProcess([join(dir, name), '--out', join(dir, 'out')]);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    const missing = await inProcess([join(dir, 'nope.csv')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/file not found/);
  });
});
