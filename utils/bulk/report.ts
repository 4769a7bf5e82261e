import { csvCell, scrub } from '../audit';
import type { BulkRun, BulkRow } from './types';

// i18n-ignore: CSV column names, the same in every language, for spreadsheets and scripts that read the report.
export const BULK_CSV_COLUMNS = ['location', 'location id', 'sub-account SID', 'outcome', 'reason'] as const;

/**
 * The run's report: one line per location, SIDs and names only (a row holds no token), every cell
 * scrubbed of token-shaped strings and defused against spreadsheet formulas as the audit CSV is.
 * `outcome` and `reason` word a row (components/bulk-text.ts): this file holds no wording.
 */
export function bulkToCsv(run: BulkRun, outcome: (row: BulkRow) => string, reason: (row: BulkRow) => string): string {
  return locationsCsv(run.rows.map((row) => [row.location.name, row.location.id, row.subaccountSid ?? '', outcome(row), reason(row)]));
}

/** The report's lines under BULK_CSV_COLUMNS (bulk connect and rotation share them), scrubbed and defused. */
export function locationsCsv(rows: readonly string[][]): string {
  return [[...BULK_CSV_COLUMNS], ...rows].map((cells) => cells.map((cell) => csvCell(scrub(cell)!)).join(',')).join('\r\n') + '\r\n';
}
