/** The analysis as JSON (export, report embedding, re-import). Typed arrays are written as
 *  {"$typed": "Float64Array", "data": [...]} and revived on import; imports are type-guarded. */
import type { AnalysisResult } from '../analysis/result';
import { checkAnalysis, type ImportCheck } from './importSchema';
import { upgradeResult } from '../analysis/resultUpgrade';

const TYPED = {
  Float64Array, Float32Array, Int32Array, Int16Array, Uint8Array, Uint16Array, Uint32Array, Int8Array,
} as const;
type TypedName = keyof typeof TYPED;

function replacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name as TypedName;
    if (name in TYPED) return { $typed: name, data: Array.from(value as unknown as ArrayLike<number>) };
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$typed' in value && 'data' in value) {
    const { $typed, data } = value as { $typed: string; data: unknown };
    // JSON writes NaN (e.g. the remaining value of a customer who left) as null: float arrays read it back as NaN
    const float = $typed === 'Float64Array' || $typed === 'Float32Array';
    if ($typed in TYPED && Array.isArray(data))
      return (TYPED[$typed as TypedName] as unknown as { from(a: number[]): unknown }).from(float ? (data as (number | null)[]).map((v) => (v === null ? NaN : v)) : (data as number[]));
  }
  return value;
}

/** JSON text of a result (`indent` spaces, default none). */
export function resultToJson(result: AnalysisResult, indent?: number): string {
  return JSON.stringify(result, replacer, indent);
}

/** Type guard for something that claims to be an analysis result. */
export function isAnalysisResult(v: unknown): v is AnalysisResult {
  if (!v || typeof v !== 'object') return false;
  const r = v as Partial<AnalysisResult>;
  return (
    r.type === 'retention-studio/analysis' && typeof r.version === 'number' && typeof r.rows === 'number' &&
    typeof r.fileName === 'string' && Array.isArray(r.ids) && typeof r.createdAt === 'string'
  );
}

/** Parses result JSON and checks it against the import schema (importSchema.ts). */
export function importJson(text: string): ImportCheck {
  let v: unknown;
  try {
    v = JSON.parse(text, reviver);
  } catch {
    return { ok: false, message: 'it is not valid JSON' };
  }
  if (!isAnalysisResult(v)) return { ok: false, message: 'it is not a Retention Studio analysis' };
  return checkAnalysis(upgradeResult(v));
}

/** Parses result JSON; null when it is not a complete, consistent Retention Studio analysis. */
export function resultFromJson(text: string): AnalysisResult | null {
  const r = importJson(text);
  return r.ok ? r.result : null;
}

/** The analysis inside an exported HTML report, checked as importJson does. */
export function importReportHtml(html: string): ImportCheck {
  const m = new RegExp(`<script type="application/json" id="${REPORT_DATA_ID}">([\\s\\S]*?)</script>`).exec(html);
  return m ? importJson(m[1]) : { ok: false, message: 'it is not a Retention Studio report' };
}

export const REPORT_DATA_ID = 'retention-studio-analysis';

/** JSON safe inside <script type="application/json">: no "<" so "</script>" can never appear. */
export function jsonForScript(result: AnalysisResult): string {
  return resultToJson(result).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The analysis embedded in an exported HTML report, or null if the text is not such a report. */
export function resultFromReportHtml(html: string): AnalysisResult | null {
  const r = importReportHtml(html);
  return r.ok ? r.result : null;
}
