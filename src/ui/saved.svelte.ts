/** The list of saved analyses in this browser: read, rename, delete, and wipe everything. */
import type { AnalysisResult } from '../analysis/result';
import { StudioStore, type SavedMeta, type SourceRef } from '../store/db';
import { withoutPending } from '../analysis/refine';

/** The list entry of an analysis: its name, size, churn rate, segments, options and source. */
export function metaOf(id: string, name: string, result: AnalysisResult, source: SourceRef, createdAt: string): SavedMeta {
  return {
    id, name, fileName: result.fileName, rows: result.rows, kind: result.kind, createdAt,
    churnRate: result.business?.kpis.churnRate.value ?? result.churn?.positiveRate ?? null,
    segments: result.segmentation?.k ?? null, options: result.options, source,
  };
}

export type Report = (message: string) => void;

export class SavedAnalyses {
  list = $state.raw<SavedMeta[]>([]);

  constructor(readonly store: StudioStore, private report: Report) {}

  async refresh(): Promise<void> {
    try {
      this.list = await this.store.list();
    } catch (e) {
      this.report(`Saved analyses could not be read from this browser's storage (${(e as Error).message}).`);
    }
  }

  /** A saved analysis to reopen: its metadata and result (refinements that had not landed when it
   *  was saved are named as such); null when it is not stored any more. */
  async open(id: string): Promise<{ meta: SavedMeta; result: AnalysisResult } | null> {
    const [meta, result] = await Promise.all([this.store.getMeta(id), this.store.loadResult(id)]);
    return meta && result ? { meta, result: withoutPending(result) } : null;
  }

  /** Saves an analysis (result + metadata in one write), then its original file so it can be
   *  re-run after a reload: copied from `fromId` when the data came from another saved analysis,
   *  stored anew when it is a fresh file. `packedIds`: the ids joined, as the worker sent them. */
  async save(meta: SavedMeta, result: AnalysisResult, file: { fileName: string; data: Blob | string } | null, fromId: string | null, packedIds?: string): Promise<{ ok: true; notice?: string } | { ok: false; message: string }> {
    const saved = await this.store.saveAnalysis(meta, result, packedIds);
    if (!saved.ok) return saved;
    let notice: string | undefined;
    if (file) {
      if (fromId && fromId !== meta.id) {
        const old = await this.store.loadFile(fromId);
        if (old) await this.store.saveFile({ ...old, id: meta.id });
      } else if (!fromId) {
        const f = await this.store.saveFile({ id: meta.id, ...file });
        if (!f.ok) notice = `${f.message} The analysis itself is saved.`;
      }
    }
    await this.refresh();
    return { ok: true, notice };
  }

  async rename(id: string, name: string): Promise<string> {
    const clean = name.trim() || 'Untitled analysis';
    const out = await this.store.rename(id, clean);
    if (!out.ok) this.report(out.message);
    await this.refresh();
    return clean;
  }

  async remove(id: string): Promise<void> {
    await this.store.remove(id);
    await this.refresh();
  }

  /** Empties IndexedDB and Cache Storage and removes the offline service worker. */
  async deleteEverything(): Promise<void> {
    if ('serviceWorker' in navigator) {
      for (const reg of await navigator.serviceWorker.getRegistrations()) await reg.unregister();
    }
    await this.store.deleteEverything();
    this.list = [];
  }
}
