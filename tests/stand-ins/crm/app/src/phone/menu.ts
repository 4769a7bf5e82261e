import type { CrmManagedBy } from '../../../wire';

export type RowAction = 'update-credentials' | 'disconnect' | 'sms-compliance' | 'delete-connection' | 'link-leadconnector';

export interface MenuEntry {
  key: RowAction;
  label: string;
}

/** The ⋮ menu of a row (DESIGN.md §3): what the real page offers for each "Managed By" state. */
export function rowMenu(managedBy: CrmManagedBy, agencyOnLcPhone: boolean): MenuEntry[] {
  if (managedBy === 'lc-phone') {
    return [
      { key: 'sms-compliance', label: 'SMS Compliance' },
      { key: 'delete-connection', label: 'Delete Connection' },
    ];
  }
  if (agencyOnLcPhone) return [{ key: 'link-leadconnector', label: 'Link to LeadConnector' }];
  if (managedBy === 'twilio') {
    return [
      { key: 'update-credentials', label: 'Update Credentials' },
      { key: 'disconnect', label: 'Disconnect' },
    ];
  }
  return [{ key: 'update-credentials', label: 'Update Credentials' }];
}

export const MANAGED_BY_TEXT: Record<CrmManagedBy, string> = {
  twilio: 'Twilio',
  'lc-phone': '✓ LC Phone',
  'not-available': 'Not available',
};
