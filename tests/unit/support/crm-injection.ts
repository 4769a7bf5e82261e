import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * scripting.executeScript as Chrome answers the background's injection of the CRM driver into a tab's
 * top frame: one result, naming the document it ran in. Pair it with a tabs.sendMessage fake that
 * answers crm-ping for that tab.
 */
export function injectableCrm(documentId = 'crm-document-1'): void {
  fakeBrowser.scripting.executeScript = vi.fn(async () => [{ frameId: 0, documentId }]) as never;
}
