import { describe, expect, it } from 'vitest';
import { headStart } from './headStart';
import type { OnProgress } from '../analysis/types';
import type { ClientAnalyzeResult } from './engineClient';
import type { AnalysisResult } from '../analysis/result';

/** An analysis the test finishes by hand, reporting two steps first. */
function manual() {
  let report: OnProgress = () => {};
  let finish: (r: ClientAnalyzeResult) => void = () => {};
  const analyze = (onProgress: OnProgress) => {
    report = onProgress;
    return new Promise<ClientAnalyzeResult>((resolve) => (finish = resolve));
  };
  return { analyze, report: (p: Parameters<OnProgress>[0]) => report(p), finish: (r: ClientAnalyzeResult) => finish(r) };
}

const ok = { ok: true, result: { rows: 3 } as unknown as AnalysisResult } as const;

describe('headStart (the analysis the mapping step starts)', () => {
  it('hands its run to a confirm with the same options, progress so far first, then the rest', async () => {
    const m = manual();
    const head = headStart(4, { seed: 1, roles: { target: 'Churn' } }, m.analyze);
    m.report({ stage: 'clean', fraction: 1 });
    const seen: string[] = [];
    const taken = head.take({ seed: 1, roles: { target: 'Churn' } }, (p) => seen.push(`${p.stage} ${p.fraction}`));
    expect(seen).toEqual(['clean 1']);
    m.report({ stage: 'churn', fraction: 0.5 });
    expect(seen).toEqual(['clean 1', 'churn 0.5']);
    expect(head.settled).toBe(false);
    m.finish(ok);
    expect(await taken).toBe(ok);
    expect(await head.ready).toBe(true);
    expect(head.settled).toBe(true);
    expect(head.token).toBe(4);
  });

  it('is not taken with other options, and a stopped run is not taken either', async () => {
    const m = manual();
    const head = headStart(1, { seed: 1, roles: { target: 'Churn' } }, m.analyze);
    expect(head.take({ seed: 1, roles: { target: 'Exited' } }, () => {})).toBeNull();
    const taken = head.take({ seed: 1, roles: { target: 'Churn' } }, () => {});
    m.finish({ ok: false, code: 'stopped', message: 'stopped' });
    expect(await taken).toBeNull();
    expect(await head.ready).toBe(false);
  });

  it('a failure of the analysis itself is handed over as it is (the confirm shows it)', async () => {
    const m = manual();
    const head = headStart(1, { seed: 1 }, m.analyze);
    const failure = { ok: false, code: 'too-few-rows', message: 'At least 2 customers are needed for an analysis.' } as const;
    m.finish(failure);
    expect(await head.take({ seed: 1 }, () => {})).toBe(failure);
  });
});
