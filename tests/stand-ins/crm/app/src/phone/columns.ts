import { h, type VNodeChild } from 'vue';
import { NTag, type DataTableColumns } from 'naive-ui';
import type { CrmLayout, SubAccountRow } from '../../../wire';
import { MANAGED_BY_TEXT } from './menu';

/**
 * A SID as `CrmLayout.sidDisplay` shows it. The masks and the ellipsis are text, not CSS, and no
 * attribute carries the full SID: a page like this one gives a driver only what it prints.
 */
export function sidText(sid: string, display: Exclude<CrmLayout['sidDisplay'], 'absent'>): string {
  switch (display) {
    case 'full':
      return sid;
    case 'masked-2-6':
      return `${sid.slice(0, 2)}••••••••${sid.slice(-6)}`;
    case 'masked-6-4':
      return `${sid.slice(0, 6)}••••${sid.slice(-4)}`;
    case 'ellipsis':
      return `${sid.slice(0, 12)}…`;
  }
}

/** The sub-accounts table's columns for a layout; `actions` draws the last cell (menu or pencil). */
export function subAccountColumns(layout: CrmLayout, actions: (row: SubAccountRow) => VNodeChild): DataTableColumns<SubAccountRow> {
  const sidDisplay = layout.sidDisplay;
  return [
    {
      title: 'Sub-Account',
      key: 'name',
      render: (row) =>
        h('div', { class: 'subaccount-cell' }, [
          h('div', { class: 'subaccount-cell__name', title: row.name }, row.name),
          layout.idDisplay === 'text' ? h('div', { class: 'subaccount-cell__id' }, row.id) : null,
        ]),
    },
    ...(layout.addressColumn
      ? [{ title: 'Address', key: 'address', width: 240, render: (row: SubAccountRow) => h('span', { class: 'address-text' }, row.address) }]
      : []),
    ...(sidDisplay === 'absent'
      ? []
      : [{
          title: 'Account SID',
          key: 'accountSid',
          width: sidDisplay === 'full' ? 300 : 200,
          render: (row: SubAccountRow) =>
            row.accountSid ? h('span', { class: 'sid-text' }, sidText(row.accountSid, sidDisplay)) : h('span', { class: 'muted' }, '—'),
        }]),
    {
      title: 'Managed By',
      key: 'managedBy',
      width: 150,
      render: (row) =>
        row.managedBy === 'lc-phone'
          ? h(NTag, { type: 'success', size: 'small', bordered: false }, { default: () => MANAGED_BY_TEXT['lc-phone'] })
          : h('span', { class: row.managedBy === 'twilio' ? 'managed-by' : 'muted' }, MANAGED_BY_TEXT[row.managedBy]),
    },
    { title: 'Actions', key: 'actions', width: 90, align: 'center', render: actions },
  ];
}
