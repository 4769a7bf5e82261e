import type { RotateRow, RotateSkip, RotateState, RotateStop } from '../utils/rotate/types';
import { storedReasonText } from './reason-text';

/** The words of token rotation on the bulk connect page (its own bundle: nothing here reaches the popup or the background). */

const SKIP: Record<RotateSkip, string> = {
  'lc-phone': 'Uses LC Phone: it has no Twilio token to rotate.',
  'not-connected': 'Not connected: it holds no Twilio credentials.',
  'sid-unknown': 'The CRM’s list does not show its whole Account SID, so the rotation does not guess which sub-account it holds.',
  'not-under-master': 'Its Account SID is not one of the master account’s sub-accounts.',
};

const OUTCOME: Record<RotateState, string> = {
  idle: 'not asked',
  pending: 'waiting',
  creating: 'making a new token',
  created: 'new token made',
  'handing-off': 'sending to the CRM',
  crm: 'in the CRM',
  verifying: 'checking with Twilio',
  promoting: 'promoting',
  done: 'rotated',
  stopped: 'stopped',
  skipped: 'skipped',
};

const OLD_WORKS = 'The old token still works.';
const BOTH_WORK = 'Both tokens still work and nothing was promoted.';
const why = (row: RotateRow) => row.detail ?? storedReasonText(row);
const said = (row: RotateRow) => (why(row) ? ` (${why(row)})` : '');
/** A stop before this try's write: the new token is deleted, unless an earlier try may have put it in the CRM. */
const dropped = (row: RotateRow) =>
  row.crmMayHold ? `The new token was kept, as the CRM may hold it from an earlier try. ${BOTH_WORK}` : `The new token was deleted. ${OLD_WORKS}`;

/** Where each stop happened and what the admin does now: one or two short sentences. */
const STOP: Record<RotateStop, (row: RotateRow) => string> = {
  'read-token': (row) => `Stopped before anything changed: the sub-account’s current token could not be read${said(row)}. ${OLD_WORKS} Try again.`,
  'create-secondary': (row) => `Stopped while making the new token${said(row)}. Nothing went to the CRM. ${OLD_WORKS} Try again.`,
  'handoff-refused': (row) => `Stopped before the CRM: ${row.detail ?? 'the handoff was refused.'} ${dropped(row)}`,
  'other-sid': (row) =>
    `Stopped before writing: the location holds another Account SID${row.otherSid ? ` (${row.otherSid})` : ''}, not this sub-account’s. Nothing was written. ${dropped(row)} Check which sub-account this location should use.`,
  'location-not-found': (row) => `Stopped before writing: the location was not found holding this sub-account${said(row)}. Nothing was written. ${dropped(row)}`,
  'handoff-rejected': (row) => `Stopped before writing${said(row)}. ${dropped(row)}`,
  'handoff-ended': (row) => `Stopped before the CRM took the new token${said(row)}. Nothing was written. ${dropped(row)}`,
  'in-doubt': () =>
    `Stopped while the CRM was being written to, and the browser restarted since: whether the CRM took the new token cannot be told. ${BOTH_WORK} Send this sub-account to the location again from the Twilio console, then delete its secondary token there.`,
  'crm-refused': (row) => `The CRM refused the new token after Authorize${said(row)}. ${BOTH_WORK} Check the location, then press Retry to send the same new token again.`,
  'crm-silent': () =>
    `The CRM closed its editor without saying whether it took the new token, and the Account SID it shows is the same either way. ${BOTH_WORK} Press Retry to send it again, or check the location in the CRM and then promote the secondary token in the Twilio console.`,
  'crm-unsure': (row) => `The CRM’s answer to Authorize could not be read${said(row)}: it may hold the new token. ${BOTH_WORK} Press Retry to send the same new token again and finish.`,
  'token-lost': (row) =>
    row.crmMayHold
      ? `The CRM holds the new token, but the browser restarted and the extension no longer has it, so it can neither check nor promote it. ${BOTH_WORK} Once the location works, promote the secondary token in the Twilio console.`
      : `Stopped before the CRM: the browser restarted and the new token was gone from memory. It was deleted. ${OLD_WORKS} Try again.`,
  verify: (row) => `The CRM holds the new token, but Twilio did not accept it when checked${said(row)}. ${BOTH_WORK} Press Retry to check again.`,
  promote: (row) => `The CRM holds the new token, but promoting it failed${said(row)}. ${BOTH_WORK} Press Retry to promote it.`,
};

export const rotateOutcome = (row: RotateRow): string => OUTCOME[row.state];

/** Why the row is where it is: the plan's skip, the stop and what to do, or what was done. */
export function rotateReason(row: RotateRow): string {
  if (row.state === 'skipped' && row.skip) return SKIP[row.skip];
  if (row.state === 'done') return 'The CRM holds the new token, now the primary; the old token no longer works.';
  if (row.state !== 'stopped' || !row.stop) return '';
  const left = row.secondaryLeft ? ' A new token Twilio may have made could not be deleted: it is unused, delete the secondary token in the Twilio console.' : '';
  return STOP[row.stop](row) + left;
}

export const rotateText = {
  heading: 'Rotate Auth Tokens',
  lead:
    'For locations connected to one of the master account’s sub-accounts: a new token is made, written into the location and accepted by the CRM, checked with Twilio, and only then made the primary. Both tokens work until that last step, so the CRM never holds a dead token; a stop anywhere leaves a working token and says where it stopped.',
  read: 'Read connected locations',
  reading: 'Reading the CRM’s locations and the master’s sub-accounts…',
  counts: (c: { ready: number; skipped: number }) => `${c.ready} can be rotated, ${c.skipped} cannot.`,
  rotateSelected: 'Rotate selected',
  selectAll: (n: number) => `Select all ${n} that can be rotated`,
  selectNone: 'Clear the selection',
  rotate: 'Rotate',
  retry: 'Retry',
  /** For a row the extension cannot finish: the admin did what its stop said in the Twilio console. */
  settled: 'Done in the Twilio console',
  select: (name: string) => `Select ${name}`,
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  startOver: 'Start over',
  csv: 'Download rotation report (CSV)',
  progressLabel: 'Rotations finished',
  progress: (p: { finished: number; total: number; done: number; stopped: number }) => `${p.finished} of ${p.total} · ${p.done} rotated · ${p.stopped} stopped`,
  pausing: 'Pausing after the rotation under way…',
  paused: 'Paused.',
  cancelling: 'Cancelling after the rotation under way…',
  cancelled: 'Cancelled. Locations not started were left as they are.',
  finished: 'Finished.',
  elsewhere: 'This rotation is being driven from another tab of this page.',
  permissionRefused:
    'Nothing was rotated: the browser did not allow the extension to reach accounts.twilio.com, where Twilio makes and promotes Auth Tokens. Press Rotate again and choose Allow.',
  permissionGone:
    'The rotation is paused: the browser does not allow the extension to reach accounts.twilio.com, where Twilio makes and promotes Auth Tokens. Press Resume and choose Allow.',
  columns: { pick: 'Rotate', location: 'Location', sid: 'Sub-account', outcome: 'Outcome', reason: 'Why', action: 'Action' },
};
