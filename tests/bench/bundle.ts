import { join } from 'node:path';
import { attributeFile, type GroupCost } from './attribution';
import { type BudgetCheck, checkBudgets } from './budgets';
import { type EntrySize, type FileSize, findStoreZip, measureBuild, zipSize } from './sizes';
import { SHIPPED, buildVariant, variants } from './variants';

/**
 * Bundle sizes (issue 5 item 1): every entry point of the production build and the store zip, the
 * budgets, what the dependency choices cost (the same sources built with zod classic, without the
 * polyfill), and what each content script is made of (source-map attribution of the shipped code).
 */

export interface ChoiceCost {
  variant: string;
  change: string;
  entries: Array<{ entry: string; gzip: number; deltaGzip: number }>;
}

export interface BundleResult {
  buildDir: string;
  entries: EntrySize[];
  zip: FileSize | null;
  budgets: BudgetCheck[];
  choices: ChoiceCost[];
  /** Per content script, the groups of source it is made of, largest first. */
  composition: Record<string, GroupCost[]>;
}

export const CONTENT_SCRIPTS = ['twilio-detector.js', 'content-scripts/twilio-overlay.js', 'content-scripts/crm.js'];

export async function benchBundle(root: string, buildDir: string, log: (line: string) => void): Promise<BundleResult> {
  const entries = measureBuild(buildDir);
  const zipPath = findStoreZip(buildDir);
  log('  side builds for attribution and dependency choices (.output/bench/)…');
  const shippedDir = await buildVariant(root, SHIPPED);
  const composition = Object.fromEntries(CONTENT_SCRIPTS.map((file) => [file, attributeFile(join(shippedDir, file))]));
  // Against the shipped code built the same way as the variants (with source maps), so only the choice differs.
  const baseline = measureBuild(shippedDir);
  const choices: ChoiceCost[] = [];
  for (const variant of variants(root)) {
    const sizes = measureBuild(await buildVariant(root, variant));
    choices.push({
      variant: variant.name,
      change: variant.change,
      entries: sizes.map((s) => ({ entry: s.entry, gzip: s.gzip, deltaGzip: s.gzip - baseline.find((b) => b.entry === s.entry)!.gzip })),
    });
  }
  return {
    buildDir,
    entries,
    zip: zipPath ? zipSize(zipPath, buildDir) : null,
    budgets: checkBudgets(entries),
    choices,
    composition,
  };
}
