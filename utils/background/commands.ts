import { browser } from 'wxt/browser';
import { NOTHING_TO_SEND, type SendCommandMessage } from '../messages';
import { isConsoleUrl } from '../senders';
import { openOn } from './waiting-notices';

/** The manifest's command (wxt.config.ts) that sends the account on screen. */
export const SEND_COMMAND = 'send-to-crm';

interface TabLike {
  id?: number;
  url?: string;
}

function consoleTab(tab: TabLike | undefined): tab is TabLike & { id: number } {
  try {
    return tab?.id !== undefined && isConsoleUrl(new URL(tab.url ?? ''));
  } catch {
    return false;
  }
}

/**
 * The keyboard command "Send the credentials on this page to the CRM", for the active tab. The
 * browser delivers it only for the admin's own key press, so it stands for the click on Send to CRM
 * without the click guard's visibility rule (the guard is there because a click may land on a box
 * the admin did not see; a shortcut is aimed at the extension, not at a point on the page). The
 * overlay in that tab does the rest as for the click: it reads the pair and sends `capture`, which the
 * router checks as it checks every capture (sender, frame, region). Where no overlay takes the command
 * (not a console tab, no credentials on screen) the popup opens and says so: never nothing at all.
 */
export async function sendFromActiveTab(given?: TabLike): Promise<void> {
  const tab = given ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (consoleTab(tab)) {
    const message: SendCommandMessage = { type: 'send-command' };
    const reply = (await browser.tabs.sendMessage(tab.id, message).catch(() => undefined)) as { ok?: unknown } | undefined;
    if (reply?.ok === true) return;
  }
  await openOn(NOTHING_TO_SEND);
}

/** Registered at start-up, synchronously: the command is what may have woken the worker. */
export function listenToCommands(): void {
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === SEND_COMMAND) void sendFromActiveTab(tab);
  });
}
