import type { CheckAnchor, CheckReport } from '../messages';
import { DriverRun, type DriverContext } from './driver';
import { isPhoneIntegrationPage } from './profile';
import { findNextPage, findRowTrigger, findSearchBox, findSubAccountTab, readRows } from './page';
import { NAME_KEY_PREFIX } from './rows';
import { queryVisible } from '../dom/find';

/**
 * "Check this page" (issue 6 item 2): the driver's look-ups, one anchor each, in the order a run
 * needs them; without the page, the table or rows the rest cannot be looked for. It may switch to
 * the Sub Account Settings tab (as every run does); it never opens a menu or a dialog, types or
 * submits. The popup says what each anchor is and what to do when it is missing (components/text.ts).
 */
export async function checkPage(ctx: DriverContext): Promise<CheckReport> {
  const { doc } = ctx;
  const anchors: CheckReport['anchors'] = [];
  const add = (anchor: CheckAnchor, found: boolean) => anchors.push({ anchor, found });
  const found = (lookUp: () => unknown) => {
    try {
      return lookUp() !== undefined;
    } catch {
      return false;
    }
  };
  const run = new DriverRun(ctx, {});

  const onPage = isPhoneIntegrationPage(ctx.url(), ctx.profile);
  add('page', onPage);
  if (!onPage) return { anchors };
  add('loaded', await run.openPage().then(() => true, () => false));
  // Every look-up from here is the layout the page's anchors chose while it loaded.
  const profile = run.profile;
  add('tab', found(() => findSubAccountTab(doc, profile)));

  const table = await run.openTab().catch(() => undefined);
  add('table', table !== undefined);
  if (!table) return { anchors };
  add('name-column', table.columns.name !== undefined);
  add('managed-by-column', table.columns.managedBy !== undefined);
  add('search-box', found(() => findSearchBox(doc, profile, table.element)));

  const entries = readRows(table, profile);
  add('rows', entries.length > 0);
  if (entries.length === 0) return { anchors };
  add('row-ids', entries.every((entry) => !entry.location.id.startsWith(NAME_KEY_PREFIX)));
  add('row-menus', entries.some((entry) => found(() => findRowTrigger(entry.row, profile))));
  const paged = queryVisible(doc, profile.pagination.containers).length > 0;
  add('pagination', paged && found(() => findNextPage(doc, profile, table.element) ?? null));
  return { anchors };
}
