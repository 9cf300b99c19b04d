/** Tests for the benchmark's pure helpers: progress timeline -> sub-stages, run aggregation, ratios. */
import { describe, expect, it } from 'vitest';
import { idleOwnMs, markdown, median, ratios, summarize, targets, type IdleSummary } from '../bench/report';

describe('summarize and ratios', () => {
  it('takes min and median over successful runs, max memory, median stages, and divides by the anchor', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const run = (totalMs: number, mem: number, churn: number) => ({ ok: true, totalMs, peakMemoryMB: mem, stagesMs: { churn }, longestMainThreadTaskMs: 40 });
    const b = summarize('t.csv', 7043, 'browser', [run(3000, 300, 2000), run(2000, 350, 1000), run(4000, 320, 3000), { ...run(0, 0, 0), ok: false, error: 'x' }], { longestToSavedMs: 40 })!;
    expect(b.n).toBe(3);
    expect(b.totalMs).toMatchObject({ min: 2000, median: 3000 });
    expect(b.peakMemoryMB).toBe(350);
    expect(b.stagesMs.churn).toBe(2000);
    expect(b.errors).toEqual(['x']);
    const a = summarize('t.csv', 7043, 'anchor', [{ ok: true, totalMs: 30_000, peakMemoryMB: 700, stagesMs: {}, longestMainThreadTaskMs: null }])!;
    const r = ratios([b, a]);
    expect(r).toHaveLength(1);
    expect(r[0].timeOursOverAnchor).toBe(0.1);
    expect(r[0].memoryOursOverAnchor).toBe(0.5);
    const t = targets([b, a], r);
    // issue 19's targets: a 3.0 s median misses 2.5 s, 30 s / 3 s is 10x (not 20x), a 40 ms task passes 50 ms
    expect(t.find((x) => x.target.includes('<= 2.5 s'))).toMatchObject({ measured: expect.stringContaining('3.00 s'), met: false });
    expect(t.find((x) => x.target.includes('20x faster'))).toMatchObject({ measured: '10.0x faster (anchor 30.00 s / ours 3.00 s)', met: false });
    expect(t.find((x) => x.target.includes('50 ms'))?.met).toBe(true);
    const fast = summarize('t.csv', 7043, 'browser', [run(2000, 300, 1000)], { longestToSavedMs: 60 })!;
    const t2 = targets([fast, a], ratios([fast, a]));
    expect(t2.find((x) => x.target.includes('<= 2.5 s'))?.met).toBe(true);
    expect(t2.find((x) => x.target.includes('20x faster'))?.met).toBe(false);
    expect(t2.find((x) => x.target.includes('50 ms'))?.met).toBe(false);
    // 54.5 s / 2.75 s is 19.8x: not met, and not printed as 20.0x (the Ratio table's 0.05 would say 20.0x)
    const near = summarize('t.csv', 7043, 'browser', [run(2750, 300, 1000)], { longestToSavedMs: 40 })!;
    const anchorNear = summarize('t.csv', 7043, 'anchor', [{ ok: true, totalMs: 54_500, peakMemoryMB: 700, stagesMs: {}, longestMainThreadTaskMs: null }])!;
    expect(ratios([near, anchorNear])[0].timeOursOverAnchor).toBe(0.05);
    expect(targets([near, anchorNear], ratios([near, anchorNear])).find((x) => x.target.includes('20x faster'))).toMatchObject({ measured: '19.8x faster (anchor 54.50 s / ours 2.75 s)', met: false });
  });

  it("judges the idle page on its own CPU over a blank page's, and says all three numbers", () => {
    const base: IdleSummary = { runs: 3, cpuMs: { median: 1790, all: [1800, 1790, 1710] }, byThreadMedian: {}, engineStarted: false };
    // without a floor measured: the raw figure decides
    expect(idleOwnMs(base)).toBeNull();
    expect(targets([], [], base).find((x) => x.target.includes('10 s after load'))).toMatchObject({ met: false, measured: expect.stringContaining('1.79 s') });
    const floor = { ...base, blankMs: { median: 1540, all: [1460, 1540, 1560] } };
    expect(idleOwnMs(floor)).toBe(250);
    const t = targets([], [], floor).find((x) => x.target.includes('10 s after load'))!;
    expect(t.met).toBe(true);
    expect(t.measured).toContain('0.25 s of its own');
    expect(t.measured).toContain('page 1.79 s');
    expect(t.measured).toContain('a blank page 1.54 s');
    // a page costing more than a second over the floor misses; the floor above the page counts as 0
    expect(targets([], [], { ...floor, cpuMs: { median: 2600, all: [2600] } }).find((x) => x.target.includes('10 s after load'))?.met).toBe(false);
    expect(idleOwnMs({ ...floor, cpuMs: { median: 1400, all: [1400] } })).toBe(0);
  });

  it('lists the largest stages in the table, not the overlapping whole or the worker parse again', () => {
    const stagesMs = { 'parse (file read, parse, inspect; in worker)': 90, parse: 80, 'analysis (confirm to result, all stages)': 3600, churn: 3300, segmentation: 1200, 'churn.gbdt.cv': 900 };
    const b = summarize('t.csv', 7043, 'browser', [{ ok: true, totalMs: 3900, peakMemoryMB: 300, stagesMs, longestMainThreadTaskMs: 60 }], { longestToSavedMs: 40 })!;
    const row = markdown({ cpus: 2, cpuModel: 'x', memoryGB: 8, chromium: '1', node: 'v20', loadavgAtStart: [0, 0, 0] }, [b], [], [], []).split('\n').find((l) => l.startsWith('| t.csv'))!;
    expect(row).toContain('churn 3300, segmentation 1200, parse 90 |');
    expect(row).toContain('| 40 to saved (60 incl. after) |');
    const none = summarize('t.csv', 7043, 'browser', [{ ok: true, totalMs: 3900, peakMemoryMB: 300, stagesMs, longestMainThreadTaskMs: 0 }], { longestToSavedMs: 0 })!;
    expect(markdown({ cpus: 2, cpuModel: 'x', memoryGB: 8, chromium: '1', node: 'v20', loadavgAtStart: [0, 0, 0] }, [none], [], [], [])).toContain('| < 50 to saved (< 50 incl. after) |');
  });
});
