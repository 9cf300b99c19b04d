/** Churn target coding: map a column's values to 1 (churned) / 0 (stayed) / -1 (missing or unknown). */
import type { RawColumn } from '../types';
import type { Warning } from '../types';
import { isBlank, parseBoolean } from './values';

const POSITIVE = /churn|yes|true|left|lost|cancel|closed|inactive|attrited|exited|gone/i;

export interface TargetCoding {
  /** per row: 1, 0 or -1 (missing / unrecognised) */
  y: Int8Array;
  positiveLabel: string;
  warnings: Warning[];
}

/** Which values count as churned (1) and stayed (0): Yes/No-like values by their meaning; two
 *  free-text classes: the one whose name says churn, else the smaller one (`guessed`). */
export function chooseClasses<T extends { l: string; n: number }>(nonBlank: T[]): { classes: (T & { value: 0 | 1 })[]; positive: string; guessed: boolean } {
  const boolean = nonBlank.filter((x) => parseBoolean(x.l) !== -1);
  if (boolean.length >= 2 || (boolean.length >= 1 && boolean.length === nonBlank.length)) {
    const classes = boolean.map((x) => ({ ...x, value: parseBoolean(x.l) as 0 | 1 }));
    return { classes, positive: boolean.find((x) => parseBoolean(x.l) === 1)?.l ?? 'Yes', guessed: false };
  }
  const two = [...nonBlank].sort((a, b) => b.n - a.n).slice(0, 2);
  const pos = two.find((x) => POSITIVE.test(x.l)) ?? two[two.length - 1];
  const classes = two.map((x) => ({ ...x, value: (x === pos ? 1 : 0) as 0 | 1 }));
  return { classes, positive: pos?.l ?? '', guessed: !!pos && !POSITIVE.test(pos.l) };
}

/** Code the target column; levels beyond two classes are treated as missing and reported. */
export function codeTarget(col: RawColumn, counts: number[]): TargetCoding {
  const warnings: Warning[] = [];
  const levelValue = new Int8Array(col.levels.length).fill(-1);
  const nonBlank = col.levels.map((l, i) => ({ l, i, n: counts[i] })).filter((x) => !isBlank(x.l) && x.n > 0);
  const choice = chooseClasses(nonBlank);
  for (const x of choice.classes) levelValue[x.i] = x.value;
  const positiveLabel = choice.positive;
  if (choice.guessed) {
    const pos = nonBlank.find((x) => x.l === choice.positive);
    if (pos)
      warnings.push({
        code: 'target-positive-guessed',
        message: `The target "${col.name}" has no Yes/No values; "${pos.l}" (the smaller class) was taken to mean churned.`,
        count: pos.n,
      });
  }
  const y = new Int8Array(col.codes.length);
  let blank = 0;
  let unknown = 0;
  const unknownValues = new Set<string>();
  const examples: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const code = col.codes[i];
    y[i] = levelValue[code];
    if (y[i] === -1) {
      if (isBlank(col.levels[code])) blank++;
      else {
        unknown++;
        unknownValues.add(col.levels[code]);
      }
      if (examples.length < 5) examples.push(i + 1);
    }
  }
  if (blank + unknown > 0) {
    const extra = unknown > 0 ? ` and ${unknown} with other values (${[...unknownValues].slice(0, 3).map((v) => `"${v}"`).join(', ')})` : '';
    warnings.push({
      code: 'target-missing',
      message: `${blank + unknown} row(s) have no usable churn value in "${col.name}" (${blank} blank${extra}); they were left out of the analysis.`,
      count: blank + unknown,
      dropped: blank + unknown,
      column: col.name,
      examples,
    });
  }
  return { y, positiveLabel, warnings };
}
