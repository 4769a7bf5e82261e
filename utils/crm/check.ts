import type { CheckReport } from '../messages';
import { DriverRun, type DriverContext } from './driver';
import { isPhoneIntegrationPage } from './profile';
import { findNextPage, findRowTrigger, findSearchBox, findSubAccountTab, readRows } from './page';
import { NAME_KEY_PREFIX } from './rows';
import { queryVisible } from '../dom/find';

type Anchor = CheckReport['anchors'][number];

const WORDING = 'if the CRM words it differently, add the wording in Options';

/**
 * "Check this page" (issue 6 item 2): the driver's look-ups, one anchor each, with what to do when
 * one is missing. It may switch to the Sub Account Settings tab (as every run does); it never opens
 * a menu or a dialog, types or submits.
 */
export async function checkPage(ctx: DriverContext): Promise<CheckReport> {
  const { profile, doc } = ctx;
  const anchors: Anchor[] = [];
  const add = (name: string, found: boolean, hint: string) => anchors.push(found ? { name, found } : { name, found, hint });
  const found = (lookUp: () => unknown) => {
    try {
      return lookUp() !== undefined;
    } catch {
      return false;
    }
  };
  const run = new DriverRun(ctx, {});

  const onPage = isPhoneIntegrationPage(ctx.url(), profile);
  add('Phone Integration page', onPage, `Open Settings → Phone Integration in the agency view (${profile.paths[0]}).`);
  if (!onPage) return { anchors };
  add('Page finished loading', await run.openPage().then(() => true, () => false), 'Reload the tab and try again.');
  add('Sub Account Settings tab', found(() => findSubAccountTab(doc, profile)), `No tab "${profile.tabs.subAccount[0]}"; ${WORDING}.`);

  const table = await run.openTab().catch(() => undefined);
  add('Sub-accounts table', table !== undefined, 'Open the Sub Account Settings tab.');
  if (!table) return { anchors };
  add('Name column', table.columns.name !== undefined, 'The first text column is read as the name.');
  add('Managed By column', table.columns.managedBy !== undefined, 'LC Phone rows are then known only by their menu.');
  add('Search box', found(() => findSearchBox(doc, profile, table.element)), `Long lists are searched through it; ${WORDING}.`);

  const entries = readRows(table, profile);
  add('Location rows', entries.length > 0, 'Clear the search box and filters, then check again.');
  if (entries.length === 0) return { anchors };
  const withIds = entries.filter((entry) => !entry.location.id.startsWith(NAME_KEY_PREFIX)).length;
  add('Location ids in rows', withIds === entries.length, 'Rows without an id are told apart by name only.');
  const withTrigger = entries.filter((entry) => found(() => findRowTrigger(entry.row, profile))).length;
  add('Row menu buttons (⋮ or pencil)', withTrigger > 0, 'No ⋮ or edit button found in the rows.');
  const paged = queryVisible(doc, profile.pagination.containers).length > 0;
  add('Pagination', paged && found(() => findNextPage(doc, profile, table.element) ?? null), 'Without page controls only the rows shown can be read.');
  return { anchors };
}
