import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The browser files that take longest, in the order they should start (measured in `npm test` with
 * four at a time on the 2-core machine: 220–310 s each, most of it waiting on the stand-ins' delays,
 * the watchdog or a whole handoff per case). Started first, they run beside the many short files
 * instead of after them; vitest alone orders by the last run's durations, and on a clean clone (no
 * such record, as in CI) by file size, which put the layout matrix and half the fault matrix tenth
 * and thirteenth, a tail of minutes with one or two files left.
 */
const LONG_FIRST = [
  'tests/e2e/layouts.test.ts',
  'tests/stand-ins/crm/crm.test.ts',
  'tests/e2e/faults-sites.test.ts',
  'tests/e2e/faults-recovery.test.ts',
  'tests/e2e/console-overlay.test.ts',
  'tests/e2e/handoff.test.ts',
  'tests/e2e/crm-driver.test.ts',
  'tests/stand-ins/twilio-console/console.test.ts',
];

export default class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = LONG_FIRST.indexOf(relative(file.project.config.root, file.moduleId));
      return index < 0 ? LONG_FIRST.length : index;
    };
    // Array.prototype.sort is stable: the rest keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
