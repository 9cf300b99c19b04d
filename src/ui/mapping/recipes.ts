/** Mapping recipes: a mapping remembered for files with the same columns (stored in IndexedDB). */
import type { TableSummary } from '../../analysis/api';
import { recipeKey, type StudioStore } from '../../store/db';
import { changedTypes, type Mapping } from './roles';
import { dict } from '../../analysis/dict';

/** The detected mapping, or the saved recipe for this header when there is one (`applied`). */
export async function initialMapping(store: StudioStore, summary: TableSummary): Promise<{ mapping: Mapping; applied: boolean }> {
  const detected: Mapping = { kind: summary.kind, roles: { ...summary.roles }, types: dict(), ignore: [], saveRecipe: true };
  try {
    const recipe = await store.findRecipe(summary.header);
    if (recipe) return { mapping: { ...detected, kind: recipe.kind ?? summary.kind, roles: { ...recipe.roles }, types: changedTypes(summary, recipe.types) }, applied: true };
  } catch {
    /* no recipes available: detection stands */
  }
  return { mapping: detected, applied: false };
}

/** Remembers the mapping for files with this header; a message when it could not be stored. */
export async function rememberMapping(store: StudioStore, summary: TableSummary, mapping: Mapping, savedAt: string): Promise<string | null> {
  const out = await store.saveRecipe({
    key: recipeKey(summary.header), header: summary.header, kind: mapping.kind, roles: mapping.roles, types: changedTypes(summary, mapping.types), savedAt,
  });
  return out.ok ? null : out.message;
}
