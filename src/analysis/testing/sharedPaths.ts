/**
 * The ../shared folder beside the clone (real data, scikit-learn reference numbers; never copied
 * into the repo): its paths, without vitest, so Node scripts (npm run fingerprint) use them too.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The shared folder: <clone>/../shared. */
export const SHARED_DIR = resolve(import.meta.dirname, '../../../../shared');

/** A path inside ../shared ('data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv'). */
export const sharedPath = (rel: string): string => resolve(SHARED_DIR, rel);

/** The real Telco file, relative to ../shared. */
export const TELCO_REL = 'data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv';

/** Whether every given path exists in ../shared. */
export const hasShared = (...rels: string[]): boolean => rels.every((r) => existsSync(sharedPath(r)));
