import { TRACKED_MENU_ENTRIES, type CrmLayout, type CrmManagedBy, type TrackedMenuEntry } from '../../../wire';

export type RowAction = 'update-credentials' | 'disconnect' | 'sms-compliance' | 'delete-connection' | 'link-leadconnector';

export interface MenuEntry {
  key: RowAction;
  label: string;
}

/** The update entry's text per `CrmLayout.menuWording`. */
export const UPDATE_ENTRY_TEXT: Record<CrmLayout['menuWording'], string> = {
  'update-credentials': 'Update Credentials',
  lower: 'update credentials',
  'edit-twilio': 'Edit Twilio Credentials',
};

/** Whether the app reports the entry's selection to the backend before asking to confirm. */
export function isTracked(key: RowAction): key is TrackedMenuEntry {
  return (TRACKED_MENU_ENTRIES as readonly string[]).includes(key);
}

/** The ⋮ menu of a row (DESIGN.md §3): what the real page offers for each "Managed By" state. */
export function rowMenu(managedBy: CrmManagedBy, agencyOnLcPhone: boolean, wording: CrmLayout['menuWording'] = 'update-credentials'): MenuEntry[] {
  const update: MenuEntry = { key: 'update-credentials', label: UPDATE_ENTRY_TEXT[wording] };
  if (managedBy === 'lc-phone') {
    return [
      { key: 'sms-compliance', label: 'SMS Compliance' },
      { key: 'delete-connection', label: 'Delete Connection' },
    ];
  }
  if (agencyOnLcPhone) return [{ key: 'link-leadconnector', label: 'Link to LeadConnector' }];
  if (managedBy === 'twilio') return [update, { key: 'disconnect', label: 'Disconnect' }];
  return [update];
}

export const MANAGED_BY_TEXT: Record<CrmManagedBy, string> = {
  twilio: 'Twilio',
  'lc-phone': '✓ LC Phone',
  'not-available': 'Not available',
};
