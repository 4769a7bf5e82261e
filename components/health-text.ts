import type { HealthProblem, RowHealth } from '../utils/health/classify';
import { t, tCount, uiLocale } from '../utils/i18n';

/** The words of the health page (its own bundle: the options page's; nothing here reaches the popup or the background). */
export const PROBLEM_TEXT: Record<HealthProblem, (row: RowHealth) => string> = {
  'master-sid': () => t('healthProblemMasterSid'),
  'not-ours': () => t('healthProblemNotOurs'),
  closed: () => t('healthProblemClosed'),
  suspended: () => t('healthProblemSuspended'),
  shared: () => t('healthProblemShared'),
  'no-numbers': () => t('healthProblemNoNumbers'),
  'other-name': (row) => t('healthProblemOtherName', row.subaccount?.friendlyName ?? t('healthNoName')),
  'not-connected': () => t('healthProblemNotConnected'),
  'sid-hidden': () => t('healthProblemSidHidden'),
  'numbers-unknown': () => t('healthProblemNumbersUnknown'),
};

/** Short names for the filter. */
export const PROBLEM_NAME: Record<HealthProblem, string> = {
  'master-sid': t('healthProblemNameMasterSid'),
  'not-ours': t('healthProblemNameNotOurs'),
  closed: t('healthProblemNameClosed'),
  suspended: t('healthProblemNameSuspended'),
  shared: t('healthProblemNameShared'),
  'no-numbers': t('healthProblemNameNoNumbers'),
  'other-name': t('healthProblemNameOtherName'),
  'not-connected': t('healthProblemNameNotConnected'),
  'sid-hidden': t('healthProblemNameSidHidden'),
  'numbers-unknown': t('healthProblemNameNumbersUnknown'),
};

/** Twilio's account status, in the admin's words. */
const SUBACCOUNT_STATUS: Partial<Record<string, string>> = {
  active: t('healthStatusActive'),
  suspended: t('healthStatusSuspended'),
  closed: t('healthStatusClosed'),
};

export function stateText(row: RowHealth): string {
  // i18n-ignore: LeadConnector's product name.
  if (row.lcPhone) return 'LC Phone';
  if (!row.subaccount) return '';
  const status = SUBACCOUNT_STATUS[row.subaccount.status] ?? row.subaccount.status;
  return row.numbers === undefined ? status : tCount('healthStateNumbersOne', 'healthStateNumbersOther', row.numbers, status);
}

export const healthText = {
  title: t('healthTitle'),
  navLink: t('healthNavLink'),
  lead: t('healthLead'),
  locked: t('healthLocked'),
  host: t('healthHost'),
  settings: t('healthSettings'),
  bulk: t('healthBulk'),
  check: t('healthCheck'),
  checkAgain: t('healthCheckAgain'),
  reading: t('healthReading'),
  counting: (done: number, total: number) => t('healthCounting', done, total),
  failed: (why: string) => t('healthFailed', why),
  checkedAt: (at: number) => t('healthCheckedAt', new Date(at).toLocaleString(uiLocale())),
  notKept: t('healthNotKept'),
  summary: (c: { total: number; healthy: number; lcPhone: number; problems: number }) =>
    c.lcPhone ? t('healthSummaryLcPhone', c.total, c.healthy, c.problems, c.lcPhone) : t('healthSummary', c.total, c.healthy, c.problems),
  filter: t('healthFilter'),
  all: t('healthAll'),
  problemsOnly: t('healthProblemsOnly'),
  healthy: t('healthHealthy'),
  columns: { location: t('healthColumnsLocation'), sid: t('healthColumnsSid'), state: t('healthColumnsState'), findings: t('healthColumnsFindings'), fix: t('healthColumnsFix') },
  none: t('healthNone'),
  connect: t('healthConnect'),
  connectOwn: t('healthConnectOwn'),
  connectLabel: (name: string) => t('healthConnectLabel', name),
  reactivate: t('healthReactivate'),
  reactivateLabel: (name: string) => t('healthReactivateLabel', name),
  reactivated: t('healthReactivated'),
  moveNumbers: t('healthMoveNumbers'),
  starting: t('healthStarting'),
  started: t('healthStarted'),
  noAnswer: t('healthNoAnswer'),
  otherHost: (host: string) => t('healthOtherHost', host),
  testOpen: t('healthTestOpen'),
  testLabel: (name: string) => t('healthTestLabel', name),
  testFrom: t('healthTestFrom'),
  testTo: t('healthTestTo'),
  testCost: t('healthTestCost'),
  testSend: t('healthTestSend'),
  testNoNumbers: t('healthTestNoNumbers'),
  testBadNumber: t('healthTestBadNumber'),
  testBody: (name: string) => t('healthTestBody', name),
  testSent: (to: string, status: string) => t('healthTestSent', to, status),
};
