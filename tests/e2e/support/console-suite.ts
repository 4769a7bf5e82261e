import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startStandIns, type StandIns } from '../../stand-ins/start';
import { dashboardUrl } from '../../stand-ins/twilio-console/server';
import { launchExtension, type ExtensionBrowser } from '../harness';
import { findOverlays } from './overlay';

/** Longer than the click guard's wait (500 ms, utils/console/click-guard.ts) plus its readings' own lag. */
export const SETTLED_MS = 900;

export interface ConsoleSuite {
  readonly sites: StandIns;
  readonly ext: ExtensionBrowser;
  /** A tab of its own, closed after the test. */
  newPage(): Promise<Page>;
  /** A console page showing `sid`'s Account Info, with its one overlay settled. */
  consolePage(sid: string): Promise<Page>;
}

/**
 * The stand-ins and the production build in Chromium for one test file about the console overlay:
 * started before its tests, the tabs each test opened closed and the console stand-in reset after it,
 * everything closed at the end.
 */
export function useConsoleSuite(): ConsoleSuite {
  let sites: StandIns | undefined;
  let ext: ExtensionBrowser | undefined;
  const pages: Page[] = [];

  beforeAll(async () => {
    sites = await startStandIns();
    ext = await launchExtension({ hostResolverRules: sites.hostResolverRules });
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
    sites?.console.reset();
  });
  afterAll(async () => {
    await ext?.close();
    await sites?.close();
  });

  const suite: ConsoleSuite = {
    get sites() {
      if (!sites) throw new Error('the stand-ins are not started yet');
      return sites;
    },
    get ext() {
      if (!ext) throw new Error('the browser is not launched yet');
      return ext;
    },
    async newPage() {
      const page = await suite.ext.context.newPage();
      pages.push(page);
      return page;
    },
    async consolePage(sid) {
      const page = await suite.newPage();
      await page.goto(dashboardUrl(sid));
      await expect.poll(async () => (await findOverlays(page)).length, { timeout: 15_000 }).toBe(1);
      await page.waitForTimeout(SETTLED_MS);
      return page;
    },
  };
  return suite;
}

/** What a console page's own script can lay over the overlay: a decoy that lets clicks through. */
export async function layDecoy(page: Page, css: string): Promise<void> {
  await page.evaluate((style) => {
    const decoy = document.createElement('div');
    decoy.style.cssText = `position:fixed;z-index:2147483647;pointer-events:none;${style}`;
    document.body.append(decoy);
  }, css);
}
