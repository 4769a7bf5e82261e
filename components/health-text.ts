import type { HealthProblem, RowHealth } from '../utils/health/classify';

/** The words of the health page (its own bundle: the options page's; nothing here reaches the popup or the background). */
export const PROBLEM_TEXT: Record<HealthProblem, (row: RowHealth) => string> = {
  'master-sid': () => 'Holds the agency’s master Account SID: this client would use the agency’s own account. Connect its own sub-account.',
  'not-ours': () => 'This Account SID is not a sub-account of your master account (another agency’s account, or one that is gone).',
  closed: () => 'The sub-account is closed: its calls and texts fail, and closing cannot be undone. Connect another sub-account.',
  suspended: () => 'The sub-account is suspended: its calls and texts fail until it is reactivated.',
  shared: () => 'Another location holds the same Account SID: their calls, texts and bills mix.',
  'no-numbers': () => 'The sub-account owns no phone number: the location cannot call or text.',
  'other-name': (row) => `Connected to the sub-account “${row.subaccount?.friendlyName ?? '(no name)'}”, whose name is not this location’s.`,
  'not-connected': () => 'No Twilio credentials.',
  'sid-hidden': () => 'The CRM’s table does not show this location’s Account SID in full: not checked.',
  'numbers-unknown': () => 'Twilio did not say how many numbers it owns: check again.',
};

/** Short names for the filter. */
export const PROBLEM_NAME: Record<HealthProblem, string> = {
  'master-sid': 'Master account’s SID',
  'not-ours': 'Not a sub-account of this master',
  closed: 'Closed sub-account',
  suspended: 'Suspended sub-account',
  shared: 'One SID on several locations',
  'no-numbers': 'No phone numbers',
  'other-name': 'Sub-account named otherwise',
  'not-connected': 'Not connected',
  'sid-hidden': 'SID not shown',
  'numbers-unknown': 'Numbers not counted',
};

export function stateText(row: RowHealth): string {
  if (row.lcPhone) return 'LC Phone';
  if (!row.subaccount) return '';
  const numbers = row.numbers === undefined ? '' : row.numbers === 1 ? ' · 1 number' : ` · ${row.numbers} numbers`;
  return `${row.subaccount.status}${numbers}`;
}

export const healthText = {
  title: 'Twilio health of your locations',
  navLink: 'Twilio health',
  lead:
    'Reads your CRM’s Phone Integration table and your agency’s master account, and shows, for each location, whether the Twilio account it holds works: active, a sub-account of yours, used by one location only, with a phone number. Nothing is written until you choose a fix.',
  locked: 'Unlock the agency master account in the options page first: the check reads its sub-accounts.',
  host: 'CRM site',
  settings: 'Settings',
  bulk: 'Connect in bulk',
  check: 'Check now',
  checkAgain: 'Check again',
  reading: 'Reading the CRM’s locations and the master’s sub-accounts…',
  counting: (done: number, total: number) => `Counting phone numbers: ${done} of ${total} sub-accounts…`,
  failed: (why: string) => `The check stopped: ${why}`,
  checkedAt: (at: number) => `Checked ${new Date(at).toLocaleString()}.`,
  notKept: 'This report is too large to keep: it is shown until the page closes.',
  summary: (c: { total: number; healthy: number; lcPhone: number; problems: number }) =>
    `${c.total} locations: ${c.healthy} healthy, ${c.problems} with something to look at${c.lcPhone ? `, ${c.lcPhone} on LC Phone` : ''}.`,
  filter: 'Show',
  all: 'All locations',
  problemsOnly: 'Locations with something to look at',
  healthy: 'Healthy',
  columns: { location: 'Location', sid: 'Account SID', state: 'Twilio', findings: 'Findings', fix: 'Fix' },
  none: 'No location matches this filter.',
  connect: 'Connect',
  connectOwn: 'Connect its own sub-account',
  connectLabel: (name: string) => `Connect ${name}`,
  reactivate: 'Reactivate',
  reactivateLabel: (name: string) => `Reactivate the sub-account of ${name}`,
  reactivated: 'Reactivated.',
  moveNumbers: 'Move numbers…',
  starting: 'Starting…',
  started: 'Started: follow it, and answer any question, in the extension’s popup.',
  noAnswer: 'The extension’s background did not answer. Try again.',
  otherHost: (host: string) => `This report is for ${host}.`,
  testOpen: 'Send a test text…',
  testLabel: (name: string) => `Send a test text from the sub-account of ${name}`,
  testFrom: 'From (the sub-account’s number)',
  testTo: 'To (your phone, in +1… form)',
  testCost: 'A real text: Twilio charges the sub-account for it as for any other.',
  testSend: 'Send the test text',
  testNoNumbers: 'The sub-account owns no number to text from.',
  testBadNumber: 'Type the number to text in international form, for example +15551234567.',
  testBody: (name: string) => `Test from Handoff for Twilio: ${name} is connected to Twilio.`,
  testSent: (to: string, status: string) => `Twilio took the text to ${to} (${status}). Check that it arrives.`,
};
