/** Result contract of the segmentation stage (issue 3). Plain data only. */

export interface KSweepEntry {
  k: number;
  inertia: number;
  silhouette: number;
  daviesBouldin: number;
}

export interface CategoricalDifference {
  column: string;
  level: string;
  /** share of this level inside the segment, and in the whole base (0..1) */
  segmentShare: number;
  baseShare: number;
}

export interface SegmentProfile {
  /** mean of each numeric feature in the segment, and in the whole base */
  means: Record<string, number>;
  baseMeans: Record<string, number>;
  /** biggest categorical differences versus the base, largest first */
  topDifferences: CategoricalDifference[];
}

export interface Segment {
  id: number;
  /** unique business label, e.g. "High-Value Loyal" */
  name: string;
  /** one sentence, e.g. "long tenure, high spend, 5% churn" */
  description: string;
  size: number;
  share: number;
  revenueShare: number;
  /** null when the table has no target */
  churnRate: number | null;
  profile: SegmentProfile;
}

export interface SegmentationResult {
  /** what assigns a new customer to a segment: feature standardisation and the centres (k x d, row-major, segment-id order) */
  fitted?: { features: string[]; mean: Float64Array; sd: Float64Array; centers: Float64Array };
  k: number;
  silhouette: number;
  features: string[];
  kSweep: KSweepEntry[];
  segments: Segment[];
  /** DBSCAN outliers count, and the eps used */
  outliers: number;
  dbscan: { eps: number; minPts: number; method: string };
  /** null when silhouette is exact; else the sample size used */
  silhouetteSample: number | null;
  /** how K was chosen, in words */
  method: string;
  /** K picked by the elbow (kneedle) rule */
  elbowK: number;
  /** per customer: segment id (index into segments) */
  labels: Int32Array;
  /** per customer: 1 = DBSCAN outlier */
  outlier: Uint8Array;
  /** 2-D PCA projection for the scatter; may be a seeded sample of customers (index list) */
  pca: { x: Float32Array; y: Float32Array; index: Int32Array; explained: [number, number] };
  warnings: import('../types').Warning[];
  /** what each column of the profiles' means is in: 'money', 'share' (a 0/1 column) or a plural noun ("months"); no key = unknown
   *  (profiles.ts profileUnits; absent in results saved before it) */
  units?: Record<string, string>;
}
