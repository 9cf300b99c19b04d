/** Downloadable CSV templates listing the columns that help the analysis (UTF-8 with BOM, so Excel reads it right). */
import { toCsv } from './csv';

export const BOM = '\uFEFF';

/** A customer table: one row per customer. */
export function customerTemplateCsv(): string {
  return BOM + toCsv(
    ['customer_id', 'churned', 'tenure_months', 'monthly_charge', 'total_spend', 'contract', 'plan'],
    [
      ['C-0001', 'No', 24, 70.35, 1688.4, 'One year', 'Fiber'],
      ['C-0002', 'Yes', 3, 89.1, 267.3, 'Month-to-month', 'Fiber'],
      ['C-0003', 'No', 51, 25.2, 1285.2, 'Two year', 'DSL'],
    ],
  );
}

/** A transaction log: one row per purchase (invoice line). */
export function transactionTemplateCsv(): string {
  return BOM + toCsv(
    ['customer_id', 'date', 'amount', 'invoice', 'quantity', 'unit_price'],
    [
      ['C-0001', '2024-01-15', 59.8, 'INV-1001', 2, 29.9],
      ['C-0002', '2024-01-17', 12.5, 'INV-1002', 1, 12.5],
      ['C-0001', '2024-03-02', 29.9, 'INV-1040', 1, 29.9],
    ],
  );
}
