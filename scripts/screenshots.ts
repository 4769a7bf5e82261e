/**
 * `npx tsx scripts/screenshots.ts`: the README's screenshots of the popup, the options page and the
 * welcome page, in light and dark, into docs/screenshots/. Builds nothing: it loads the existing production build
 * (`npx wxt build` first) with realistic data seeded through the service worker, the way the
 * background stores it. Chromium reaches no site: every host name resolves to nothing.
 *
 * The white-label host shown as allowed is granted in a throwaway copy of the build's manifest, as
 * it would be after the admin's Allow in the browser's prompt (headless Chromium shows no prompt).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension } from '../tests/e2e/harness';
import { openPopup } from '../tests/e2e/support/popup';
import { seedExtension, seededAudit, seededLocations, showcaseHandoffs } from '../tests/e2e/support/seed';
import { grantedBuild } from '../tests/e2e/support/white-label';

const root = join(import.meta.dirname, '..');
const out = join(root, 'docs/screenshots');
const WHITE_LABEL_HOST = 'app.youragency.com';
const POPUP_NEEDS_CHOICE = 'Choose location: Twin Pines Dental - Eugene';

async function shoot(page: Page, file: string, what: () => Promise<void>): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await what();
    const path = join(out, `${file}-${colorScheme}.png`);
    if (file === 'popup') {
      // Cropped to the popup's own width and content, as Chrome shows it under the toolbar button.
      await page.locator('body').screenshot({ path, animations: 'disabled' });
    } else {
      await page.screenshot({ path, fullPage: true, animations: 'disabled' });
    }
    console.log(`docs/screenshots/${file}-${colorScheme}.png`);
  }
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const build = grantedBuild([WHITE_LABEL_HOST]);
  const ext = await launchExtension({ hostResolverRules: 'MAP * ~NOTFOUND', extensionDir: build.dir });
  try {
    const now = Date.now();
    await seedExtension(ext, {
      handoffs: showcaseHandoffs(now),
      locations: seededLocations(),
      locationsSeenAt: now - 25 * 60_000,
      audit: seededAudit(now),
      settings: {
        version: 2,
        crmHosts: [WHITE_LABEL_HOST],
        preferredCrmHost: 'app.gohighlevel.com',
        autoAuthorize: true,
        tokenLifetimeMinutes: 15,
        testAfterAuthorize: true,
        labelVariants: {},
      },
    });

    const popup = await openPopup(ext);
    await popup.setViewportSize({ width: 380, height: 600 });
    // The handoff that needs the admin, with its choice open: the popup's main job.
    await popup.getByRole('button', { name: POPUP_NEEDS_CHOICE }).click();
    await popup.getByRole('list', { name: 'Matching locations' }).first().waitFor();
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await shoot(popup, 'popup', async () => {
      await popup.locator('.handoff .badge').first().waitFor();
    });

    const options = await ext.openExtensionPage('options.html');
    await options.setViewportSize({ width: 800, height: 600 });
    await options.getByLabel('Send handoffs to').waitFor();
    await options.getByRole('region', { name: 'Audit log rows' }).waitFor();
    await shoot(options, 'options', async () => {
      await options.getByRole('heading', { name: 'Audit log' }).waitFor();
    });

    const welcome = await ext.openExtensionPage('welcome.html');
    await welcome.setViewportSize({ width: 800, height: 600 });
    await shoot(welcome, 'welcome', async () => {
      await welcome.getByRole('heading', { name: 'CRM sites' }).waitFor();
    });
  } finally {
    await ext.close();
    build.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
