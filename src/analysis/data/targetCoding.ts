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

/** Grouping key of a target value: case and surrounding or repeated spaces do not matter. */
const targetKey = (l: string): string => l.trim().replace(/\s+/g, ' ').toLowerCase();

export interface TargetValueGroup<T> {
  /** the usual spelling (the most frequent one, trimmed) */
  l: string;
  n: number;
  spellings: T[];
}

/** Values that differ only in case or spacing, as one group each (first-seen order). */
export function groupTargetValues<T extends { l: string; n: number }>(values: T[]): TargetValueGroup<T>[] {
  const groups = new Map<string, TargetValueGroup<T>>();
  for (const v of values) {
    const key = targetKey(v.l);
    const g = groups.get(key) ?? { l: '', n: 0, spellings: [] };
    g.n += v.n;
    g.spellings.push(v);
    groups.set(key, g);
  }
  for (const g of groups.values()) g.l = g.spellings.reduce((a, b) => (b.n > a.n ? b : a)).l.trim();
  return [...groups.values()];
}

/** The finding for target values read through case and spacing: rows whose spelling differs
 *  from their class's usual one (trimmed), with the spellings met. */
function normalisationWarning(column: string, classes: { l: string; spellings: { l: string; n: number }[] }[]): Warning | null {
  const odd = classes.flatMap((c) => c.spellings.filter((s) => s.l !== c.l).map((s) => ({ ...s, as: c.l })));
  if (odd.length === 0) return null;
  const rows = odd.reduce((a, s) => a + s.n, 0);
  const shown = odd.slice(0, 4).map((s) => `"${s.l}" as "${s.as}"`).join(', ') + (odd.length > 4 ? ` and ${odd.length - 4} more` : '');
  return {
    code: 'target-normalised',
    message: `${rows} value(s) in the churn column "${column}" differ from the usual spelling only in case or spaces and were read as the same answer: ${shown}.`,
    count: rows,
    column,
  };
}

/** Code the target column; levels beyond two classes are treated as missing and reported. */
export function codeTarget(col: RawColumn, counts: number[]): TargetCoding {
  const warnings: Warning[] = [];
  const levelValue = new Int8Array(col.levels.length).fill(-1);
  // Spellings of one value ("Yes", "YES", "Yes ") count as one class: group them first.
  const groups = groupTargetValues(col.levels.map((l, i) => ({ l, n: counts[i], i })).filter((x) => !isBlank(x.l) && x.n > 0));
  const nonBlank = groups;
  const choice = chooseClasses(nonBlank);
  for (const x of choice.classes) for (const sp of x.spellings) levelValue[sp.i] = x.value;
  const positiveLabel = choice.positive;
  const normalised = normalisationWarning(col.name, choice.classes);
  if (normalised) warnings.push(normalised);
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
