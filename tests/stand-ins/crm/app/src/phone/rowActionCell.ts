import { h } from 'vue';
import { NButton, NDropdown, NIcon } from 'naive-ui';
import type { CrmLayout, SubAccountRow } from '../../../wire';
import { DotsVerticalIcon, PencilIcon } from '../icons';
import { rowMenu, type RowAction } from './menu';

export interface ActionCellOptions {
  layout: CrmLayout;
  legacy: boolean;
  agencyOnLcPhone: boolean;
  /** A menu entry was picked. */
  onAction: (key: RowAction, row: SubAccountRow) => void;
  /** The pencil that goes straight to the editor (legacy, pencil-editor). */
  onEdit: (row: SubAccountRow) => void;
}

const pencil = () => h(NIcon, null, { default: () => h(PencilIcon) });

/**
 * The last cell of a row: the legacy pencil, or per `layout.rowAction` the ⋮ menu (icon only, no
 * name), a pencil named "Edit" opening that same menu, or a pencil opening the editor at once (only
 * on rows whose menu would offer the update entry: no other way to the other entries there).
 */
export function actionCell(row: SubAccountRow, options: ActionCellOptions) {
  const { layout, legacy } = options;
  const entries = rowMenu(row.managedBy, options.agencyOnLcPhone, layout.menuWording);
  const canUpdate = entries.some((e) => e.key === 'update-credentials');
  if (legacy) {
    if (!canUpdate) return null;
    return h('button', { type: 'button', class: 'btn btn-link btn-sm legacy-edit', title: 'Edit', onClick: () => options.onEdit(row) },
      [h('span', { class: 'legacy-edit__icon' }, [h(PencilIcon)])]);
  }
  if (layout.rowAction === 'pencil-editor') {
    if (!canUpdate) return null;
    return h(NButton, { quaternary: true, circle: true, size: 'small', title: 'Edit', onClick: () => options.onEdit(row) }, { icon: pencil });
  }
  const trigger = layout.rowAction === 'pencil-menu'
    ? h(NButton, { quaternary: true, circle: true, size: 'small', title: 'Edit', 'aria-label': 'Edit' }, { icon: pencil })
    : h(NButton, { quaternary: true, circle: true, size: 'small' }, { icon: () => h(NIcon, null, { default: () => h(DotsVerticalIcon) }) });
  return h(NDropdown, {
    trigger: 'click',
    placement: 'bottom-end',
    options: entries.map((e) => ({ key: e.key, label: e.label })),
    onSelect: (key: RowAction) => options.onAction(key, row),
  }, { default: () => trigger });
}
