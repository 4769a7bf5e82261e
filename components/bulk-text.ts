import type { BulkRow, PlanSkip } from '../utils/bulk/types';
import { storedReasonText } from './reason-text';

/** The words of the bulk connect page (its own bundle; nothing here reaches the popup or the background). */
export const SKIP_TEXT: Record<PlanSkip, (row: BulkRow) => string> = {
  'lc-phone': () => 'Uses LC Phone: it has no Twilio credentials to set.',
  'already-connected': (row) => `Already connected${row.heldSid ? ` (${row.heldSid})` : ''}. Replacing credentials is done one location at a time.`,
  'sid-unknown': () => 'The CRM’s list does not show whether it holds credentials. Connect it from the popup, one at a time.',
  'no-name': () => 'It has no name to look for among the sub-accounts.',
  'several-locations': (row) => `${row.count ?? 'Several'} CRM locations have this name: the plan does not guess which one.`,
  'several-subaccounts': (row) => `${row.count ?? 'Several'} sub-accounts under the master have this name: the plan does not guess which one.`,
  'subaccount-in-use': () => 'The sub-account of this name is already connected to another location.',
  'no-subaccount': () => 'No sub-account has this name. Tick “Create missing sub-accounts” to create one.',
};

const OUTCOME: Record<BulkRow['state'], string> = {
  pending: 'not started',
  starting: 'starting',
  running: 'in progress',
  done: 'connected',
  'needs-you': 'needs you',
  failed: 'failed',
  skipped: 'skipped',
};

export function rowOutcome(row: BulkRow): string {
  return OUTCOME[row.state];
}

/** What the plan will do with the row, before the run. */
export function planText(row: BulkRow): string {
  if (row.action === 'existing') return `Existing sub-account ${row.subaccountSid}`;
  if (row.action === 'create') return 'A new sub-account with this name';
  return row.skip ? SKIP_TEXT[row.skip](row) : '';
}

/** Why the row ended as it did: the plan's skip, the handoff's reason, or the background's answer. */
export function rowReason(row: BulkRow): string {
  if (row.action === 'skip' && row.skip) return SKIP_TEXT[row.skip](row);
  if (row.state === 'skipped') return 'Not started: the run was cancelled.';
  return storedReasonText(row) ?? '';
}

export const bulkText = {
  title: 'Connect locations in bulk',
  lead:
    'Reads the locations of your CRM’s Phone Integration page and the sub-accounts of your agency’s master account, shows what it would do, and then connects one location at a time the way Send to CRM does. Tokens stay in memory; the plan and its report hold names and Account SIDs only.',
  locked: 'Unlock the agency master account in the options page first: the plan reads its sub-accounts.',
  host: 'CRM site',
  settings: 'Settings',
  planHeading: 'Plan',
  willCreate: 'Missing sub-accounts are created.',
  progressLabel: 'Locations finished',
  cancelling: 'Cancelling after the location under way…',
  createMissing: 'Create missing sub-accounts (a new sub-account, named after the location, for each location without one)',
  makePlan: 'Read the CRM and make the plan',
  reading: 'Reading the CRM’s locations and the master’s sub-accounts…',
  counts: (c: { existing: number; create: number; skip: number }) => `${c.existing} with an existing sub-account, ${c.create} with a new one, ${c.skip} skipped.`,
  run: 'Connect',
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  newPlan: 'Start over',
  csv: 'Download report (CSV)',
  pausing: 'Pausing after the location under way…',
  paused: 'Paused.',
  cancelled: 'Cancelled. Locations not started were skipped.',
  finished: 'Finished.',
  elsewhere: 'This run is being driven from another tab of this page.',
  progress: (p: { finished: number; total: number; done: number; needsYou: number; failed: number }) =>
    `${p.finished} of ${p.total} · ${p.done} connected · ${p.needsYou} need you · ${p.failed} failed`,
  eta: (ms: number) => `About ${Math.max(1, Math.round(ms / 60_000))} min left`,
  needsYouHint: 'Locations that need you wait in the extension’s popup (a Replace question, a choice, a check); the run never answers for you.',
  failedWith: (message: string) => `Something went wrong: ${message}`,
  columns: { location: 'Location', plan: 'Plan', outcome: 'Outcome', reason: 'Why' },
};
