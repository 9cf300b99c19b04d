/** Test helpers: the real Telco file beside the checkout (never copied into the repo). */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../data/parse';
import { inspectTable, prepareFrame } from '../data/prepare';
import type { CustomerFrame } from '../types';
import { TELCO_REL, sharedPath } from './sharedPaths';

export const TELCO_PATH = sharedPath(TELCO_REL);

/** The Telco CSV text. */
export function telcoText(): string {
  return readFileSync(TELCO_PATH, 'utf8');
}

/** The cleaned Telco CustomerFrame, through the real data layer. */
export async function telcoFrame(): Promise<CustomerFrame> {
  const parsed = await parseCsv(telcoText(), 'telco.csv');
  if (!parsed.ok) throw new Error(parsed.message);
  const prep = prepareFrame(inspectTable(parsed.table), {});
  if (!prep.ok) throw new Error(prep.message);
  return prep.frame;
}
