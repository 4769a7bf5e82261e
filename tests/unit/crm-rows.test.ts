import { afterEach, describe, expect, it } from 'vitest';
import { HIGHLEVEL_PROFILE } from '../../utils/crm/profile';
import { idFromText, mapColumns, nameKey, parseManagedBy, partialFits, readRow, rowPatterns } from '../../utils/crm/rows';
import { findTable, largerPageSize, pageSizeIn, readRows } from '../../utils/crm/page';

const P = HIGHLEVEL_PROFILE;
const ID = 've9EPM428h8vShlRW1KT';
const SID = 'AC0123456789abcdef0123456789abcdef';

afterEach(() => {
  document.body.innerHTML = '';
});

function row(cells: string, attrs = ''): Element {
  document.body.innerHTML = `<table><tbody><tr class="hr-data-table-tr" ${attrs}>${cells}</tr></tbody></table>`;
  return document.querySelector('tr')!;
}

const MENU = `<td class="hr-data-table-td"><button class="hr-button hr-button--tertiary-type" type="button"><span class="hr-button__icon"><svg viewBox="0 0 24 24"><path d="M12 5v.01"/></svg></span></button></td>`;

describe('columns from header texts', () => {
  it.each([
    [['Sub-Account', 'Account SID', 'Managed By', ''], { name: 0, sid: 1, managedBy: 2 }],
    [['Location Name', 'Location ID', 'Twilio Account SID', 'Managed By', 'Actions'], { name: 0, id: 1, sid: 2, managedBy: 3 }],
    [['Name', 'Provider'], { name: 0, managedBy: 1 }],
    [['', '', ''], {}],
  ])('%j', (headers, expected) => expect(mapColumns(headers, P)).toEqual(expected));
});

describe('Managed By texts', () => {
  it.each([
    ['✓ LC Phone', 'lc-phone'],
    ['✔️LC Phone', 'lc-phone'],
    ['LeadConnector Phone', 'lc-phone'],
    ['Not available', 'not-available'],
    ['N/A', 'not-available'],
    ['Twilio', 'twilio'],
    ['Twilio (own account)', 'twilio'],
    ['', undefined],
    ['Something new', undefined],
  ])('%j → %s', (text, expected) => expect(parseManagedBy(text, P)).toBe(expected));
});

describe('ids in text', () => {
  const patterns = rowPatterns(P);
  it.each([
    [ID, ID],
    [`ID: ${ID}`, ID],
    [`Location ID ${ID}`, ID],
    [`id#${ID}`, ID],
    ['Supercalifragilistic', 'Supercalifragilistic'],
    [`${ID}x`, undefined],
    [`IDX${ID}`, undefined],
    ['Acme Dental', undefined],
  ])('%j → %s', (text, expected) => expect(idFromText(text, P, patterns)).toBe(expected));
});

describe('reading a row', () => {
  const columns = { name: 0, sid: 1, managedBy: 2 };
  it.each([
    [
      'id under the name, avatar initials before it',
      `<td><div class="flex"><span class="hr-avatar">AD</span><div><div class="font-medium">Acme Dental - Austin</div><div class="text-xs">${ID}</div></div></div></td><td>${SID}</td><td>Twilio</td>${MENU}`,
      '',
      columns,
      { id: ID, name: 'Acme Dental - Austin', sid: SID, managedBy: 'twilio' },
    ],
    [
      'id shown as "ID:" in its own spans',
      `<td><div>Acme Dental</div><div><span>ID:</span> <code>${ID}</code></div></td><td>—</td><td>✓ LC Phone</td>${MENU}`,
      '',
      columns,
      { id: ID, name: 'Acme Dental', sid: null, managedBy: 'lc-phone' },
    ],
    [
      'id column',
      `<td>Acme Dental</td><td>${ID}</td><td>${SID}</td><td>Not available</td>`,
      '',
      { name: 0, id: 1, sid: 2, managedBy: 3 },
      { id: ID, name: 'Acme Dental', sid: SID, managedBy: 'not-available' },
    ],
    [
      'id only in an attribute',
      `<td>Acme   Dental</td><td>–</td><td>Twilio</td>${MENU}`,
      `data-row-key="${ID}"`,
      columns,
      { id: ID, name: 'Acme Dental', sid: null, managedBy: 'twilio' },
    ],
    [
      'id only in a link',
      `<td><a href="/v2/location/${ID}/dashboard">Acme Dental</a></td><td>-</td><td>Twilio</td>`,
      '',
      columns,
      { id: ID, name: 'Acme Dental', sid: null, managedBy: 'twilio' },
    ],
    [
      'no id anywhere: the name is the key',
      `<td>Acme Dental</td><td>${SID}</td><td></td>${MENU}`,
      'data-row-key="3"',
      columns,
      { id: nameKey('Acme Dental'), name: 'Acme Dental', sid: SID, managedBy: 'unknown' },
    ],
    [
      'a name that looks like an id stays the name',
      `<td>Supercalifragilistic</td><td>Not connected</td><td>Twilio</td>`,
      '',
      columns,
      { id: nameKey('Supercalifragilistic'), name: 'Supercalifragilistic', sid: null, managedBy: 'twilio' },
    ],
    [
      'no headers: first text cell is the name, provider found anywhere',
      `<td><strong>Acme Dental</strong></td><td><span class="badge">✓ LC Phone</span></td>${MENU}`,
      '',
      {},
      // No SID column and no SID in the row: unknown, never "none".
      { id: nameKey('Acme Dental'), name: 'Acme Dental', managedBy: 'lc-phone' },
    ],
    [
      'two different ids in one row: none is trusted',
      `<td>Acme Dental</td><td>${ID}</td><td>abcdefghij0123456789</td>`,
      '',
      {},
      { id: nameKey('Acme Dental'), name: 'Acme Dental', managedBy: 'unknown' },
    ],
  ])('%s', (_, cells, attrs, map, expected) => {
    expect(readRow(row(cells, attrs), map, P)).toEqual(expected);
  });

  it('skips an empty-state row spanning the table', () => {
    expect(readRow(row('<td colspan="4">No Data</td>'), columns, P)).toBeUndefined();
  });
});

describe('a naive-ui data table with a separate header table', () => {
  it('maps headers and reads every body row, identical names kept apart', () => {
    document.body.innerHTML = `
      <div class="hr-data-table"><div class="hr-data-table-wrapper"><div class="hr-data-table-base-table">
        <div class="hr-data-table-base-table-header"><table class="hr-data-table-table"><thead class="hr-data-table-thead">
          <tr class="hr-data-table-tr"><th class="hr-data-table-th">Sub-Account</th><th class="hr-data-table-th">Account SID</th><th class="hr-data-table-th">Managed By</th><th class="hr-data-table-th"></th></tr>
        </thead></table></div>
        <div class="hr-data-table-base-table-body"><table class="hr-data-table-table"><tbody class="hr-data-table-tbody">
          <tr class="hr-data-table-tr"><td class="hr-data-table-td"><div>Acme Dental</div><div>${ID}</div></td><td class="hr-data-table-td">${SID}</td><td class="hr-data-table-td">Twilio</td>${MENU}</tr>
          <tr class="hr-data-table-tr"><td class="hr-data-table-td"><div>Acme Dental</div><div>abcdefghij0123456789</div></td><td class="hr-data-table-td">—</td><td class="hr-data-table-td">✓ LC Phone</td>${MENU}</tr>
        </tbody></table></div>
      </div></div></div>`;
    const table = findTable(document, P);
    expect(table.columns).toEqual({ name: 0, sid: 1, managedBy: 2 });
    expect(readRows(table, P).map((entry) => entry.location)).toEqual([
      { id: ID, name: 'Acme Dental', sid: SID, managedBy: 'twilio' },
      { id: 'abcdefghij0123456789', name: 'Acme Dental', sid: null, managedBy: 'lc-phone' },
    ]);
  });
});

describe('what a SID cell says: a whole SID, none, or unknown with what shows', () => {
  const columns = { name: 0, sid: 1, managedBy: 2 };
  const read = (cell: string) => readRow(row(`<td>Acme Dental</td><td>${cell}</td><td>Twilio</td>${MENU}`), columns, P)!;
  it.each([
    [SID, { sid: SID }],
    ['—', { sid: null }],
    ['N/A', { sid: null }],
    ['', {}],
    ['AC••••••••abcdef', { sidPartial: { prefix: 'AC', suffix: 'abcdef' } }],
    ['AC0123••••cdef', { sidPartial: { prefix: 'AC0123', suffix: 'cdef' } }],
    ['AC0123456789…', { sidPartial: { prefix: 'AC0123456789', suffix: '' } }],
    ['AC01****cdef', { sidPartial: { prefix: 'AC01', suffix: 'cdef' } }],
    ['•••• cdef', { sidPartial: { prefix: '', suffix: 'cdef' } }],
    ['Connected', {}],
    [`${SID} ${SID.replace('0', '1')}`, {}],
  ])('%j', (cell, expected) => {
    const { sid, sidPartial } = read(cell);
    expect({ ...(sid === undefined ? {} : { sid }), ...(sidPartial ? { sidPartial } : {}) }).toEqual(expected);
  });

  it('a masked end that differs from a SID proves another account; one that fits proves nothing', () => {
    const partial = read('AC••••••••abcdef').sidPartial!;
    expect(partialFits(partial, SID)).toBe(true);
    expect(partialFits(partial, 'AC' + '1'.repeat(32))).toBe(false);
  });
});

describe('rows without ids, told apart by their other columns', () => {
  it('two rows named alike with different addresses get different keys; alike in every column, one key', () => {
    document.body.innerHTML = `<table><thead><tr><th>Sub-Account</th><th>Address</th><th>Managed By</th><th></th></tr></thead><tbody>
      <tr><td>Main Street Dental</td><td>12 Main St, Springfield</td><td>Twilio</td>${MENU}</tr>
      <tr><td>Main Street Dental</td><td>400 Main St, Shelbyville</td><td>Twilio</td>${MENU}</tr>
      <tr><td>Twin Dental</td><td>1 Elm St</td><td>Twilio</td>${MENU}</tr>
      <tr><td>Twin Dental</td><td>1 Elm St</td><td>Twilio</td>${MENU}</tr></tbody></table>`;
    const locations = readRows(findTable(document, P), P).map((entry) => entry.location);
    expect(locations.map((l) => l.details)).toEqual([
      ['Address: 12 Main St, Springfield'],
      ['Address: 400 Main St, Shelbyville'],
      ['Address: 1 Elm St'],
      ['Address: 1 Elm St'],
    ]);
    expect(locations[0]!.id).not.toBe(locations[1]!.id);
    expect(locations[2]!.id).toBe(locations[3]!.id);
    expect(locations.every((l) => l.id.startsWith('name:'))).toBe(true);
  });
});

describe('pageSizeIn: the number a rows-per-page control or option shows', () => {
  const words = HIGHLEVEL_PROFILE.pagination.sizeWords;
  it.each([
    ['10 / page', 10],
    ['100/page', 100],
    ['Rows per page: 25', 25],
    ['Show 50 entries', 50],
    ['50 rows', 50],
    ['Items per page 20', 20],
    ['1,000 / page', 1000],
    ['100', 100],
    ['All', undefined],
    ['Page 2 of 9', undefined],
    ['10 - 20 of 500', undefined],
    ['0 / page', undefined],
    ['', undefined],
  ] as const)('%j → %s', (text, size) => {
    expect(pageSizeIn(text, words)).toBe(size);
  });
});

describe('largerPageSize', () => {
  const el = document.createElement('div');
  const sizes = (...n: number[]) => n.map((size) => ({ element: el, size }));
  it.each([
    [sizes(10, 25, 50, 100), 10, 100, 100],
    [sizes(10, 25, 50, 100, 500), 10, 100, 100],
    [sizes(10, 20, 500), 10, 100, 20],
    [sizes(10, 25), 25, 100, undefined],
    [sizes(50, 25, 10), 10, 100, 50],
    [sizes(), 10, 100, undefined],
  ])('%#: options, current %i, max %i → %s', (options, current, max, size) => {
    expect(largerPageSize(options, current, max)?.size).toBe(size);
  });
});
