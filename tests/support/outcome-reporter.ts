import { appendFileSync } from 'node:fs';
import type { Reporter, TestCase } from 'vitest/node';

/**
 * Writes one line per test that failed or passed only on a retry to the file named by
 * OUTCOME_REPORT (JSON lines), so `npm test` can name them at its very end: CI shows only the tail
 * of a run, and a flaky test must stay visible rather than be hidden by its retry.
 */
export default class OutcomeReporter implements Reporter {
  onTestCaseResult(test: TestCase): void {
    const file = process.env.OUTCOME_REPORT;
    if (!file) return;
    const result = test.result();
    const diagnostic = test.diagnostic();
    const flaky = diagnostic?.flaky ?? false;
    if (result.state !== 'failed' && !flaky) return;
    const errors = result.state === 'failed' ? (result.errors ?? []) : [];
    const line = {
      file: test.module.relativeModuleId,
      name: test.fullName,
      state: result.state === 'failed' ? 'failed' : 'flaky',
      retries: diagnostic?.retryCount ?? 0,
      error: errors.map((e) => (e.message ?? '').split('\n').slice(0, 6).join('\n')).join('\n---\n').slice(0, 1_500),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }
}
