/**
 * The dashboard's tabs, in order. To add a panel, add ONE entry here: an id (it becomes the
 * URL, e.g. #/a/<analysis>/lifetime), a short label, and a component that takes PanelProps
 * (or any subset of them).
 */
import type { Component } from 'svelte';
import type { AnalysisResult } from '../../analysis/result';
import type { AppState } from '../app.svelte';
import Overview from './Overview.svelte';
import Segments from './Segments.svelte';
import Churn from './Churn.svelte';
import Retention from './Retention.svelte';
import Revenue from './Revenue.svelte';
import Customers from './Customers.svelte';
import Recommendations from './Recommendations.svelte';
import DataPanel from './DataPanel.svelte';
import Lifetime from './Lifetime.svelte';
import Warehouse from './Warehouse.svelte';

export interface PanelProps {
  app: AppState;
  result: AnalysisResult;
  /** go to another tab by its id */
  go: (tab: string) => void;
}

export interface TabDef {
  id: string;
  label: string;
  panel: Component<PanelProps>;
}

export const TABS: TabDef[] = [
  { id: 'overview', label: 'Overview', panel: Overview },
  { id: 'segments', label: 'Segments', panel: Segments },
  { id: 'churn', label: 'Churn model', panel: Churn },
  { id: 'retention', label: 'Retention', panel: Retention },
  { id: 'revenue', label: 'Revenue impact', panel: Revenue },
  { id: 'lifetime', label: 'Lifetime & cohorts', panel: Lifetime },
  { id: 'customers', label: 'Customers', panel: Customers },
  { id: 'recommendations', label: 'Recommendations', panel: Recommendations },
  { id: 'data', label: 'Data & method', panel: DataPanel },
  { id: 'warehouse', label: 'Warehouse & scoring', panel: Warehouse },
];
