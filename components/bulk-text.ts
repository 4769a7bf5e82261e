import type { BulkRow, PlanSkip } from '../utils/bulk/types';
import { storedReasonText } from './reason-text';
import { t } from '../utils/i18n';

/** The words of the bulk connect page (its own bundle; nothing here reaches the popup or the background). */
export const SKIP_TEXT: Record<PlanSkip, (row: BulkRow) => string> = {
  'lc-phone': () => t('bulkSkipLcPhone'),
  'already-connected': (row) => t('bulkSkipAlreadyConnected', row.heldSid ? ` (${row.heldSid})` : ''),
  'sid-unknown': () => t('bulkSkipSidUnknown'),
  'no-name': () => t('bulkSkipNoName'),
  'several-locations': (row) => (row.count ? t('bulkSkipSeveralLocations', row.count) : t('bulkSkipManyLocations')),
  'several-subaccounts': (row) => (row.count ? t('bulkSkipSeveralSubaccounts', row.count) : t('bulkSkipManySubaccounts')),
  'subaccount-in-use': () => t('bulkSkipSubaccountInUse'),
  'no-subaccount': () => t('bulkSkipNoSubaccount'),
};

const OUTCOME: Record<BulkRow['state'], string> = {
  pending: t('bulkOutcomePending'),
  starting: t('bulkOutcomeStarting'),
  running: t('bulkOutcomeRunning'),
  done: t('bulkOutcomeDone'),
  'needs-you': t('bulkOutcomeNeedsYou'),
  failed: t('bulkOutcomeFailed'),
  skipped: t('bulkOutcomeSkipped'),
};

export function rowOutcome(row: BulkRow): string {
  return OUTCOME[row.state];
}

/** What the plan will do with the row, before the run. */
export function planText(row: BulkRow): string {
  if (row.action === 'existing') return t('bulkPlanExisting', row.subaccountSid ?? '');
  if (row.action === 'create') return t('bulkPlanCreate');
  return row.skip ? SKIP_TEXT[row.skip](row) : '';
}

/** Why the row ended as it did: the plan's skip, the handoff's reason, or the background's answer. */
export function rowReason(row: BulkRow): string {
  if (row.action === 'skip' && row.skip) return SKIP_TEXT[row.skip](row);
  if (row.state === 'skipped') return t('bulkNotStarted');
  return storedReasonText(row) ?? '';
}

export const bulkText = {
  title: t('bulkTitle'),
  lead: t('bulkLead'),
  locked: t('bulkLocked'),
  host: t('bulkHost'),
  settings: t('bulkSettings'),
  planHeading: t('bulkPlanHeading'),
  willCreate: t('bulkWillCreate'),
  progressLabel: t('bulkProgressLabel'),
  cancelling: t('bulkCancelling'),
  createMissing: t('bulkCreateMissing'),
  makePlan: t('bulkMakePlan'),
  reading: t('bulkReading'),
  counts: (c: { existing: number; create: number; skip: number }) => t('bulkCounts', c.existing, c.create, c.skip),
  skippedHeading: (n: number) => t('bulkSkippedHeading', n),
  run: t('bulkRun'),
  pause: t('bulkPause'),
  resume: t('bulkResume'),
  cancel: t('bulkCancel'),
  newPlan: t('bulkNewPlan'),
  csv: t('bulkCsv'),
  pausing: t('bulkPausing'),
  paused: t('bulkPaused'),
  cancelled: t('bulkCancelled'),
  finished: t('bulkFinished'),
  elsewhere: t('bulkElsewhere'),
  progress: (p: { finished: number; total: number; done: number; needsYou: number; failed: number }) =>
    t('bulkProgress', p.finished, p.total, p.done, p.needsYou, p.failed),
  eta: (ms: number) => t('bulkEta', Math.max(1, Math.round(ms / 60_000))),
  needsYouHint: t('bulkNeedsYouHint'),
  failedWith: (message: string) => t('bulkFailedWith', message),
  columns: { location: t('bulkColumnsLocation'), plan: t('bulkColumnsPlan'), outcome: t('bulkColumnsOutcome'), reason: t('bulkColumnsReason') },
};
