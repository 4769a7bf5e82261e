import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * axe-core (the package the project pins) run inside an extension page. Extension pages forbid
 * inline scripts, so the source goes in through the DevTools protocol (page.evaluate), which the
 * page's CSP does not govern, rather than as a <script> element.
 */
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  /** Selectors of the first offending nodes, and why the first one fails. */
  nodes: string[];
  summary?: string;
}

interface AxeResult {
  violations: Array<{
    id: string;
    impact?: string | null;
    help: string;
    nodes: Array<{ target: unknown[]; failureSummary?: string }>;
  }>;
}

/** Every violation axe finds on the page as it is now, with its impact. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) {
    const { readFile } = await import('node:fs/promises');
    await page.evaluate(await readFile(AXE_PATH, 'utf8'));
  }
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    nodes: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
    summary: violation.nodes[0]?.failureSummary,
  }));
}

/** The violations an admin relying on assistive technology could not work around. */
export function blocking(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}
