/**
 * Mapping recipes: a mapping remembered for files with the same columns (stored in IndexedDB).
 * Saved only after an analysis with it succeeded; announced when applied (with Undo back to the
 * detected mapping); a recipe whose analysis later failed is marked and only offered, never
 * applied by itself again.
 */
import type { TableSummary } from '../../analysis/api';
import { recipeKey, type Recipe, type StudioStore } from '../../store/db';
import { changedTypes, type Mapping } from './roles';
import { dict } from '../../analysis/dict';

/** The recipe found for a file: when it was saved, whether a run with it failed, its mapping,
 *  and whether it is applied now (false: offered, or undone by the user). */
export interface RecipeState {
  savedAt: string;
  failedAt: string | null;
  mapping: Mapping;
  applied: boolean;
}

/** The detected mapping of a summary (what the page shows without a recipe). */
export function detectedMapping(summary: TableSummary): Mapping {
  return { kind: summary.kind, roles: { ...summary.roles }, types: dict(), ignore: [], saveRecipe: true };
}

/** The mapping to start from: the saved recipe's for this header when there is one and no
 *  analysis with it failed, else the detected one; `recipe` says which (null: none stored). */
export async function initialMapping(store: StudioStore, summary: TableSummary): Promise<{ mapping: Mapping; detected: Mapping; recipe: RecipeState | null }> {
  const detected = detectedMapping(summary);
  let found: Recipe | null = null;
  try {
    found = await store.findRecipe(summary.header);
  } catch {
    /* no recipes available: detection stands */
  }
  if (!found) return { mapping: detected, detected, recipe: null };
  const mapping: Mapping = { ...detectedMapping(summary), kind: found.kind ?? summary.kind, roles: { ...found.roles }, types: changedTypes(summary, found.types), ...unitAnswers(found) };
  const applied = !found.failedAt;
  return { mapping: applied ? mapping : detected, detected, recipe: { savedAt: found.savedAt, failedAt: found.failedAt ?? null, mapping, applied } };
}

/** Remembers the mapping for files with this header (after a successful analysis); a message when it could not be stored. */
export async function rememberMapping(store: StudioStore, summary: TableSummary, mapping: Mapping, savedAt: string): Promise<string | null> {
  const out = await store.saveRecipe({
    key: recipeKey(summary.header), header: summary.header, kind: mapping.kind, roles: mapping.roles, types: changedTypes(summary, mapping.types), savedAt,
    ...unitAnswers(mapping),
  });
  return out.ok ? null : out.message;
}

/** The unit answers the user gave (currency, tenure unit, RFM time unit, spend total): only those set,
 *  so an unanswered one is detected again for the next file instead of being fixed to today's guess. */
function unitAnswers(m: Pick<Mapping, 'currency' | 'tenureUnit' | 'rfmUnit' | 'rfmSpendTotal'>): Pick<Mapping, 'currency' | 'tenureUnit' | 'rfmUnit' | 'rfmSpendTotal'> {
  const out: Pick<Mapping, 'currency' | 'tenureUnit' | 'rfmUnit' | 'rfmSpendTotal'> = {};
  if (m.currency !== undefined) out.currency = m.currency;
  if (m.tenureUnit !== undefined) out.tenureUnit = m.tenureUnit;
  if (m.rfmUnit !== undefined) out.rfmUnit = m.rfmUnit;
  if (m.rfmSpendTotal !== undefined) out.rfmSpendTotal = m.rfmSpendTotal;
  return out;
}

/** Marks this header's recipe as having led to a failed analysis (it is then only offered). */
export async function markRecipeFailed(store: StudioStore, header: readonly string[], failedAt: string): Promise<void> {
  try {
    const r = await store.findRecipe(header);
    if (r) await store.saveRecipe({ ...r, failedAt });
  } catch {
    /* storage unavailable: nothing to mark */
  }
}

/** "1 March 2026": the date a recipe was saved, in words. */
export function recipeDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A recipe waiting for its analysis: remembered only once that analysis succeeded. */
export interface PendingRecipe {
  summary: TableSummary;
  mapping: Mapping;
  save: boolean;
}

/** After the mapping step's analysis ran: success saves the pending recipe (its notice, if any, is
 *  returned); failure marks an applied recipe as failed, so it is only offered next time. */
export async function settleRecipe(store: StudioStore, pending: PendingRecipe, recipe: RecipeState | null, ok: boolean, now: string): Promise<{ notice: string | null; recipe: RecipeState | null }> {
  const notice = ok && pending.save ? await rememberMapping(store, pending.summary, pending.mapping, now) : null;
  if (ok || !recipe?.applied) return { notice, recipe };
  await markRecipeFailed(store, pending.summary.header, now);
  return { notice, recipe: { ...recipe, failedAt: now } };
}
