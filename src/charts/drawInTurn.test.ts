import { describe, expect, it } from 'vitest';
import { drawInTurn } from './loadPlotly';

describe('drawInTurn: chart drawings one per task, in order', () => {
  it('runs the drawings in the order asked, each in a later task than the previous one', async () => {
    const seen: string[] = [];
    const a = drawInTurn(() => void seen.push('a'));
    const b = drawInTurn(() => void seen.push('b'));
    // a task queued now runs before the first drawing: drawings never run in the asking task
    setTimeout(() => seen.push('task'), 0);
    await Promise.all([a, b]);
    expect(seen).toEqual(['task', 'a', 'b']);
  });

  it('a failed drawing rejects its own promise and does not stop the next one', async () => {
    const failed = drawInTurn(() => {
      throw new Error('no plot');
    });
    const next = drawInTurn(() => 42);
    await expect(failed).rejects.toThrow('no plot');
    await expect(next).resolves.toBe(42);
  });
});
