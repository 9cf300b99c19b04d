/** CSV downloads a CRM takes: the original columns joined back (read from the analysis's data),
 *  the status, plain-text reasons, UTF-8 with a BOM so Excel reads accents and symbols right. */
import type { AnalysisResult } from '../analysis/result';
import { callListCsv, customersCsv, winBackCsv } from '../report/csv';
import { BOM } from '../report/templates';
import type { AppState } from './app.svelte';
import { download, stem } from './download';

/** Downloads the scored customers or the call list, with the original columns when the data is stored. */
export async function downloadCsv(app: AppState, result: AnalysisResult, which: 'customers' | 'call-list' | 'win-back'): Promise<void> {
  const originals = result.kind === 'customers' ? await app.originalRows(null) : null;
  const text = which === 'customers' ? customersCsv(result, originals) : which === 'call-list' ? callListCsv(result, originals) : winBackCsv(result, originals);
  download(`${stem(result.fileName)}-${which}.csv`, BOM + text, 'text/csv;charset=utf-8');
}
