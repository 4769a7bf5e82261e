import { browser } from 'wxt/browser';
import { isFinal, newHandoff } from '../handoff/machine';
import { findHandoffs, loadHandoff, loadToken, saveHandoff, saveToken } from '../handoff/store';
import type { Handoff } from '../handoff/types';
import { CRM_REGION, regionRefusal, senderRegion } from '../console/region';
import { ToBackground, type HandoffReply } from '../messages';
import { isFromConsole, isFromCrm, isFromExtensionPage, isFromOffscreen, type SenderLike } from '../senders';
import { DEFAULT_CRM_HOST, loadSettings } from '../settings';
import { saveLocations } from '../locations-cache';
import { credentialProblemText, parseAccountSid, parseAuthToken } from '../twilio/credentials';
import { reasonText } from '../../components/reason-text';
import { connectText } from '../../components/connect-text';
import { closeOffscreen, offscreenUrl, onCopied, takePendingDigest } from './clipboard';
import { preparePick, subaccountForLocation } from './connect';
import { injectConsoleOverlay } from './console-overlay';
import { listCrmLocations } from './crm-list';
import { checkPage, CrmTabError } from './crm-tab';
import { addConsoleWatcher, applyEvent, expiryAlarm, toOverlayReply } from './handoffs';
import { serialise } from './serialise';
import { advance, allowSubmit, chooseLocation, kick, onDriverProgress, onDriverResult, openDialog, startFilling } from './runner';
import { t } from '../i18n';

/**
 * Every message the background receives comes through here: parsed with its schema, its sender
 * checked against who may send it, then handed to the runner. Anything else is dropped unanswered.
 */
export async function route(raw: unknown, sender: SenderLike): Promise<unknown> {
  const parsed = ToBackground.safeParse(raw);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  const extensionId = browser.runtime.id;
  const fromConsole = isFromConsole(sender, extensionId);
  // The console's two messages come first, before the settings are read: on a worker started for
  // them, the overlay waits on each step (the sender alone decides them).
  if (message.type === 'console-warm') return fromConsole ? { ok: true } : undefined;
  if (message.type === 'console-detected') {
    // Checked as capture is (the frame rule). Not the region: the overlay tells the admin about
    // another region itself, and offers Copy there; capture is refused from such a page.
    return fromConsole ? injectConsoleOverlay(sender) : undefined;
  }
  const settings = await loadSettings();
  const crmHosts = [DEFAULT_CRM_HOST, ...settings.crmHosts];
  const fromCrm = isFromCrm(sender, extensionId, crmHosts);
  const fromPage = isFromExtensionPage(sender, extensionId, browser.runtime.getURL('/'));
  const tabId = sender.tab?.id ?? -1;
  const driver = { tabId, ...(sender.documentId && { documentId: sender.documentId }) };

  switch (message.type) {
    case 'capture': {
      if (!fromConsole) return undefined;
      // A token read in another Twilio Region's console would only fail in the CRM (US1).
      const region = senderRegion(sender);
      if (region !== CRM_REGION) return { ok: false, message: regionRefusal(region) };
      // The console gets its reply as the overlay reads it, the reason worded (toOverlayReply).
      return toOverlayReply(await capture(message.sid, message.token, message.pageAccountName, {
        tabId,
        frameId: sender.frameId ?? 0,
        url: sender.url ?? '',
      }));
    }
    case 'paste-credentials':
      if (!fromPage) return undefined;
      return capture(message.sid, message.token, undefined, undefined);
    case 'confirm-replace':
      if (!fromConsole && !fromPage) return undefined;
      return fromConsole ? toOverlayReply(await confirmReplace(message.handoffId)) : confirmReplace(message.handoffId);
    case 'get-handoff': {
      if (!fromConsole && !fromPage) return undefined;
      const answer = reply(await loadHandoff(message.handoffId), t('handoffGone'));
      return fromConsole ? toOverlayReply(answer) : answer;
    }
    case 'crm-locations-seen':
      if (!fromCrm || !sender.url) return undefined;
      await saveLocations(new URL(sender.url).hostname, message.locations);
      return { ok: true };
    case 'crm-submit-intent':
      if (!fromCrm) return { go: false };
      return { go: await allowSubmit(message, driver) };
    case 'crm-progress':
      if (fromCrm) await onDriverProgress(message, driver);
      return undefined;
    case 'crm-result':
      if (!fromCrm) return undefined;
      await onDriverResult(message, driver);
      return { ok: true };
    case 'handoff-command':
      if (!fromPage) return undefined;
      return command(message.handoffId, message.action, message.location);
    case 'open-location':
      if (!fromPage) return undefined;
      return attempt(() => openDialog(settings.preferredCrmHost, message.location));
    case 'check-page':
      if (!fromPage) return undefined;
      return checkCrmPage(message.tabId, crmHosts);
    case 'connect-location': {
      if (!fromPage) return undefined;
      if (!crmHosts.includes(message.host)) return { ok: false, message: connectText.notEnabled };
      const { location, host } = message;
      // One ask per location at a time: a page reloaded mid-ask that asks again waits for the first,
      // then finds the sub-account it created and joins its handoff instead of creating another.
      return serialise(`connect:${location.id}`, async () => {
        const pair = await subaccountForLocation(location, {
          create: message.create === true,
          ...(message.subaccountSid && { expectedSid: message.subaccountSid }),
        });
        if (!pair.ok) return pair;
        // From here on it is a handoff like any other, aimed at this one location.
        return capture(pair.sid, pair.token, undefined, undefined, { crmHost: host, targetLocationId: location.id });
      });
    }
    case 'prepare-location':
      if (!fromPage) return undefined;
      if (!crmHosts.includes(message.host)) return { ok: false, message: connectText.notEnabled };
      // Answered at once: the pick goes on beside the handoff under way, for the ask that follows.
      void preparePick(message.location, message.subaccountSid);
      return { ok: true };
    case 'rotate-location': {
      if (!fromPage) return undefined;
      if (!crmHosts.includes(message.host)) return { ok: false, message: connectText.notEnabled };
      const { location, host } = message;
      // Serialised with connect-location's asks for the same location: one handoff aimed at it at a time.
      return serialise(`connect:${location.id}`, () =>
        capture(message.sid, message.token, undefined, undefined, { crmHost: host, targetLocationId: location.id }),
      );
    }
    case 'clipboard-copied':
      if (!fromConsole && !fromPage) return undefined;
      return { ok: await onCopied(message.text) };
    case 'clipboard-clear-ask': {
      if (!isFromOffscreen(sender, extensionId, offscreenUrl())) return undefined;
      const digest = await takePendingDigest();
      return digest ? { digest } : {};
    }
    case 'clipboard-clear-done':
      if (!isFromOffscreen(sender, extensionId, offscreenUrl())) return undefined;
      await closeOffscreen();
      return { ok: true };
    case 'list-crm-locations':
      if (!fromPage) return undefined;
      if (!crmHosts.includes(message.host)) return { ok: false, message: connectText.notEnabled };
      return listCrmLocations(message.host, message.query);
  }
}

/**
 * The driver goes only into a tab on a CRM host the admin enabled (the popup's activeTab grant would
 * let it into any page the popup was opened on), and only while the tab is there.
 */
async function checkCrmPage(tabId: number, crmHosts: readonly string[]): Promise<unknown> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  let host = '';
  try {
    const url = new URL(tab?.url ?? '');
    if (url.protocol === 'https:') host = url.hostname;
  } catch {
    // No address the extension may read: not a CRM page it is enabled on.
  }
  if (!crmHosts.includes(host)) return { ok: false, message: t('checkNotEnabled') };
  return checkPage(tabId).catch(() => ({ ok: false, message: t('checkCouldNotRun') }));
}

function reply(handoff: Handoff | undefined, missing: string): HandoffReply {
  return handoff ? { ok: true, handoff } : { ok: false, message: missing };
}

async function attempt(work: () => Promise<void>): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    if (error instanceof CrmTabError) return { ok: false, message: reasonText(error.reason.code, error.reason.params) };
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** A handoff an extension page started for one location of one CRM host (connect by name). */
interface Target {
  crmHost: string;
  targetLocationId: string;
}

async function capture(
  rawSid: string,
  rawToken: string,
  pageAccountName: string | undefined,
  source: Handoff['source'],
  target?: Target,
): Promise<HandoffReply> {
  const sid = parseAccountSid(rawSid);
  if (!sid.ok) return { ok: false, message: credentialProblemText(sid.problem) };
  const token = parseAuthToken(rawToken);
  if (!token.ok) return { ok: false, message: credentialProblemText(token.problem) };

  // A second click, or the same account sent again while its handoff is still going: one handoff.
  // One capture of a SID at a time, or two sent at once (two tabs) would both find none in flight.
  return serialise(`capture:${sid.value}`, async () => {
    const inFlight = (await findHandoffs((h) => h.sid === sid.value)).find((h) => h.sid === sid.value && !isFinal(h.state));
    if (inFlight) {
      // Joined only with the very same pair. Another token for this SID is refused, never swapped in
      // nor joined: a page could otherwise ride on the admin's handoff (its overlay would follow it),
      // and a token changed at Twilio meanwhile is the admin's to send afresh once the first is done.
      if ((await loadToken(inFlight.id)) !== token.value) return { ok: false, message: otherTokenInFlight() };
      // Joined only for the same location: a handoff aimed elsewhere (or at no location) is not this one.
      if (target && inFlight.targetLocationId !== target.targetLocationId) return { ok: false, message: connectText.inFlightElsewhere };
      if (source) await addConsoleWatcher(inFlight, source);
      return { ok: true, handoff: inFlight };
    }
    return startHandoff(sid.value, token.value, pageAccountName, source, target);
  });
}

/** The refusal of a capture whose SID has a handoff under way with another Auth Token. */
export const otherTokenInFlight = () => t('otherTokenInFlight');

async function startHandoff(
  sid: string,
  token: string,
  pageAccountName: string | undefined,
  source: Handoff['source'],
  target: Target | undefined,
): Promise<HandoffReply> {
  const settings = await loadSettings();
  const now = Date.now();
  const lifetimeMs = settings.tokenLifetimeMinutes * 60_000;
  const handoff = newHandoff({
    id: crypto.randomUUID(),
    sid,
    ...(pageAccountName ? { pageAccountName } : {}),
    crmHost: target?.crmHost ?? settings.preferredCrmHost,
    ...(target && { targetLocationId: target.targetLocationId }),
    now,
    lifetimeMs,
    ...(source ? { source } : {}),
  });
  await saveToken(handoff.id, token, handoff.expiresAt);
  await saveHandoff(handoff);
  await browser.alarms.create(expiryAlarm(handoff.id), { when: handoff.expiresAt });
  kick(handoff.id, () => advance(handoff.id));
  return { ok: true, handoff };
}

async function confirmReplace(id: string): Promise<HandoffReply> {
  const handoff = await loadHandoff(id);
  if (!handoff || handoff.state !== 'needs-replace-confirmation') {
    return { ok: false, message: t('nothingToConfirm') };
  }
  kick(id, () => startFilling(id, handoff.previousSid ?? null));
  return { ok: true, handoff };
}

async function command(
  id: string,
  action: 'retry' | 'discard' | 'confirm-replace' | 'authorize-now' | 'override-master' | 'open-dialog' | 'choose-location',
  location: Handoff['location'],
): Promise<HandoffReply> {
  const handoff = await loadHandoff(id);
  if (!handoff) return { ok: false, message: t('handoffGoneExpired') };
  switch (action) {
    case 'confirm-replace':
      return confirmReplace(id);
    case 'authorize-now':
      if (handoff.state !== 'filled') return { ok: false, message: t('notWaitingAuthorize') };
      kick(id, () => startFilling(id, handoff.previousSid ?? null, true));
      return { ok: true, handoff };
    case 'open-dialog': {
      if (!handoff.location) return { ok: false, message: t('noLocationForDialog') };
      const opened = await attempt(() => openDialog(handoff.crmHost, handoff.location!, undefined));
      return opened.ok ? { ok: true, handoff } : opened;
    }
    case 'choose-location':
      if (!location) return { ok: false, message: t('noLocationChosen') };
      if (handoff.state !== 'needs-choice') return { ok: false, message: t('notWaitingChoice') };
      kick(id, () => chooseLocation(id, location));
      return { ok: true, handoff };
    case 'retry':
    case 'discard':
    case 'override-master': {
      const result = await applyEvent(id, { type: action });
      if (!result.ok) return { ok: false, message: reasonText(result.reason.code, result.reason.params) };
      if (action !== 'discard') kick(id, () => advance(id));
      return { ok: true, handoff: result.handoff };
    }
  }
}
