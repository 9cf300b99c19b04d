/** Test helpers: the real Telco file beside the checkout (never copied into the repo), loaded through the real
 *  data layer: the one Telco loader of every test and bench script. */
import { readFileSync } from 'node:fs';
import type { CustomerFrame } from '../types';
import { frameFromCsv } from './frames';
import { TELCO_REL, sharedPath } from './sharedPaths';

export const TELCO_PATH = sharedPath(TELCO_REL);

/** The Telco CSV text. */
export function telcoText(): string {
  return readFileSync(TELCO_PATH, 'utf8');
}

/** The cleaned Telco CustomerFrame (roles detected as in the app: customerID, Churn, tenure, charges). */
export async function telcoFrame(): Promise<CustomerFrame> {
  return frameFromCsv(telcoText(), {}, 'telco.csv');
}
