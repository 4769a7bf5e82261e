import type { RotateRow, RotateSkip, RotateState, RotateStop } from '../utils/rotate/types';
import { storedReasonText } from './reason-text';
import { t } from '../utils/i18n';

/** The words of token rotation on the bulk connect page (its own bundle: nothing here reaches the popup or the background). */

const SKIP: Record<RotateSkip, string> = {
  'lc-phone': t('rotateSkipLcPhone'),
  'not-connected': t('rotateSkipNotConnected'),
  'sid-unknown': t('rotateSkipSidUnknown'),
  'not-under-master': t('rotateSkipNotUnderMaster'),
};

const OUTCOME: Record<RotateState, string> = {
  idle: t('rotateOutcomeIdle'),
  pending: t('rotateOutcomePending'),
  creating: t('rotateOutcomeCreating'),
  created: t('rotateOutcomeCreated'),
  'handing-off': t('rotateOutcomeHandingOff'),
  crm: t('rotateOutcomeCrm'),
  verifying: t('rotateOutcomeVerifying'),
  promoting: t('rotateOutcomePromoting'),
  done: t('rotateOutcomeDone'),
  stopped: t('rotateOutcomeStopped'),
  skipped: t('rotateOutcomeSkipped'),
};

const OLD_WORKS = t('rotateOldWorks');
const BOTH_WORK = t('rotateBothWork');
const why = (row: RotateRow) => row.detail ?? storedReasonText(row);
const said = (row: RotateRow) => (why(row) ? ` (${why(row)})` : '');
/** A stop before this try's write: the new token is deleted, unless an earlier try may have put it in the CRM. */
const dropped = (row: RotateRow) =>
  row.crmMayHold ? t('rotateDroppedKept', BOTH_WORK) : t('rotateDroppedDeleted', OLD_WORKS);

/** Where each stop happened and what the admin does now: one or two short sentences. */
const STOP: Record<RotateStop, (row: RotateRow) => string> = {
  'read-token': (row) => t('rotateStopReadToken', said(row), OLD_WORKS),
  'create-secondary': (row) => t('rotateStopCreateSecondary', said(row), OLD_WORKS),
  'handoff-refused': (row) => t('rotateStopHandoffRefused', row.detail ?? t('rotateHandoffRefusedDefault'), dropped(row)),
  'other-sid': (row) =>
    t('rotateStopOtherSid', row.otherSid ? ` (${row.otherSid})` : '', dropped(row)),
  'location-not-found': (row) => t('rotateStopLocationNotFound', said(row), dropped(row)),
  'handoff-rejected': (row) => t('rotateStopHandoffRejected', said(row), dropped(row)),
  'handoff-ended': (row) => t('rotateStopHandoffEnded', said(row), dropped(row)),
  'in-doubt': () =>
    t('rotateStopInDoubt', BOTH_WORK),
  'crm-refused': (row) => t('rotateStopCrmRefused', said(row), BOTH_WORK),
  'crm-silent': () =>
    t('rotateStopCrmSilent', BOTH_WORK),
  'crm-unsure': (row) => t('rotateStopCrmUnsure', said(row), BOTH_WORK),
  'token-lost': (row) =>
    row.crmMayHold ? t('rotateStopTokenLostInCrm', BOTH_WORK) : t('rotateStopTokenLostBefore', OLD_WORKS),
  verify: (row) => t('rotateStopVerify', said(row), BOTH_WORK),
  promote: (row) => t('rotateStopPromote', said(row), BOTH_WORK),
};

export const rotateOutcome = (row: RotateRow): string => OUTCOME[row.state];

/** Why the row is where it is: the plan's skip, the stop and what to do, or what was done. */
export function rotateReason(row: RotateRow): string {
  if (row.state === 'skipped' && row.skip) return SKIP[row.skip];
  if (row.state === 'done') return t('rotateDone');
  if (row.state !== 'stopped' || !row.stop) return '';
  const left = row.secondaryLeft ? ` ${t('rotateSecondaryLeft')}` : '';
  return STOP[row.stop](row) + left;
}

export const rotateText = {
  heading: t('rotateHeading'),
  lead: t('rotateLead'),
  read: t('rotateRead'),
  reading: t('rotateReading'),
  counts: (c: { ready: number; skipped: number }) => t('rotateCounts', c.ready, c.skipped),
  rotateSelected: t('rotateRotateSelected'),
  selectAll: (n: number) => t('rotateSelectAll', n),
  selectNone: t('rotateSelectNone'),
  rotate: t('rotateRotate'),
  retry: t('rotateRetry'),
  /** For a row the extension cannot finish: the admin did what its stop said in the Twilio console. */
  settled: t('rotateSettled'),
  select: (name: string) => t('rotateSelect', name),
  pause: t('rotatePause'),
  resume: t('rotateResume'),
  cancel: t('rotateCancel'),
  startOver: t('rotateStartOver'),
  csv: t('rotateCsv'),
  progressLabel: t('rotateProgressLabel'),
  progress: (p: { finished: number; total: number; done: number; stopped: number }) => t('rotateProgress', p.finished, p.total, p.done, p.stopped),
  pausing: t('rotatePausing'),
  paused: t('rotatePaused'),
  cancelling: t('rotateCancelling'),
  cancelled: t('rotateCancelled'),
  finished: t('rotateFinished'),
  elsewhere: t('rotateElsewhere'),
  permissionRefused: t('rotatePermissionRefused'),
  permissionGone: t('rotatePermissionGone'),
  columns: { pick: t('rotateColumnsPick'), location: t('rotateColumnsLocation'), sid: t('rotateColumnsSid'), outcome: t('rotateColumnsOutcome'), reason: t('rotateColumnsReason'), action: t('rotateColumnsAction') },
};
