import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/popup/App';
import { CHECK_ANCHOR_TEXT, reasonText, STATE_TEXT, text } from '../../components/text';
import { HANDOFF_STATES } from '../../utils/handoff/types';
import { saveLocations } from '../../utils/locations-cache';
import { loadSettings } from '../../utils/settings';
import { COPY_CLEARS, COPY_STAYS } from '../../components/clipboard-text';
import { installFakes, type Fakes } from './support/extension-fakes';
import { makeHandoff, OTHER_SID, SID, storeHandoffs, TOKEN } from './support/handoffs';

const AUSTIN = { id: 'loc-austin', name: 'Acme Dental - Austin' };
const AUSTIN_2 = { id: 'loc-austin-2', name: 'Acme Dental - Austin' };
const DALLAS = { id: 'loc-dallas', name: 'Acme Dental - Dallas', sid: OTHER_SID };

let fakes: Fakes;
let clipboard: string[];

beforeEach(() => {
  fakes = installFakes();
  clipboard = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: vi.fn(async (value: string) => void clipboard.push(value)) },
  });
});
afterEach(() => cleanup());

function handoffCard(name: string): HTMLElement {
  return screen.getByRole('article', { name });
}

describe('popup: opened by the keyboard command with nothing to send (#nothing-to-send)', () => {
  afterEach(() => void (location.hash = ''));

  it('says nothing was sent and why, above the rest', async () => {
    location.hash = '#nothing-to-send';
    render(<App />);
    expect(screen.getByRole('alert').textContent).toBe(text.nothingToSend);
  });

  it('says nothing of the kind when opened otherwise', async () => {
    render(<App />);
    await screen.findByText(text.firstRun);
    expect(screen.queryByText(text.nothingToSend)).toBeNull();
  });
});

describe('popup: handoffs', () => {
  it('teaches the workflow on first run', async () => {
    render(<App />);
    expect(await screen.findByText(text.firstRun)).toBeTruthy();
    expect(screen.getByText(text.noLocations)).toBeTruthy();
  });

  it('says nothing is in progress once locations are known', async () => {
    await saveLocations('app.gohighlevel.com', [AUSTIN]);
    render(<App />);
    expect(await screen.findByText(text.noHandoffs)).toBeTruthy();
  });

  it('shows every state in the admin’s words, with name, short SID, location, expiry and reason', async () => {
    const handoffs = HANDOFF_STATES.map((state) =>
      makeHandoff(state, { friendlyName: `Name ${state}`, location: AUSTIN, reasonCode: 'crm-error', reasonParams: { message: `Refused for ${state}.` } }),
    );
    await storeHandoffs(handoffs);
    render(<App />);
    for (const state of HANDOFF_STATES) {
      const card = await screen.findByRole('article', { name: `Name ${state}` });
      expect(within(card).getByText(STATE_TEXT[state])).toBeTruthy();
      expect(within(card).getByText('AC1a1a…1a1a')).toBeTruthy();
      expect(within(card).getByText(AUSTIN.name)).toBeTruthy();
      const showsReason = ['rejected', 'failed', 'needs-check', 'needs-choice'].includes(state);
      expect(within(card).queryByText(`The CRM did not accept the credentials: Refused for ${state}.`) !== null).toBe(showsReason);
    }
    expect(within(handoffCard('Name filled')).getByText(/Token kept until/)).toBeTruthy();
    expect(within(handoffCard('Name authorized')).getByText(text.tokenGone)).toBeTruthy();
  });

  it('renders names from Twilio and the CRM as text', async () => {
    const name = '<img src=x onerror="alert(1)"> Acme';
    await storeHandoffs([makeHandoff('matched', { friendlyName: name, location: { id: 'x', name: '<b>bold</b>' } })]);
    const { container } = render(<App />);
    const card = await screen.findByRole('article', { name });
    expect(within(card).getByText('<b>bold</b>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it.each([
    ['failed', 'retry', text.retry],
    ['filled', 'authorize-now', text.authorizeNow],
    ['needs-replace-confirmation', 'confirm-replace', text.confirmReplace],
    ['matched', 'open-dialog', text.openDialog],
    ['failed', 'discard', text.discard],
  ] as const)('%s: %s sends the command', async (state, action, label) => {
    const handoff = makeHandoff(state, { friendlyName: 'Acme', location: AUSTIN });
    await storeHandoffs([handoff]);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: `${label}: Acme` }));
    await waitFor(() =>
      expect(fakes.sent).toContainEqual({ type: 'handoff-command', handoffId: handoff.id, action }),
    );
  });

  it('shows the background’s refusal', async () => {
    fakes.reply = () => ({ ok: false, message: 'There is nothing to confirm for this handoff any more.' });
    await storeHandoffs([makeHandoff('needs-replace-confirmation', { friendlyName: 'Acme', location: AUSTIN })]);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: `${text.confirmReplace}: Acme` }));
    expect(await screen.findByText('There is nothing to confirm for this handoff any more.')).toBeTruthy();
  });

  it('says so when the background does not answer', async () => {
    fakes.reply = () => undefined;
    await storeHandoffs([makeHandoff('failed', { friendlyName: 'Acme', location: AUSTIN })]);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: `${text.retry}: Acme` }));
    expect(await screen.findByText(text.noAnswer)).toBeTruthy();
  });

  it('words a stored reason code, the code and its parameters being all that is stored', async () => {
    const handoff = makeHandoff('needs-choice', { friendlyName: 'Twin', reasonCode: 'several-names', reasonParams: { name: 'Twin Pines Dental' } });
    await storeHandoffs([handoff]);
    render(<App />);
    const card = await screen.findByRole('article', { name: 'Twin' });
    const shown = card.querySelector('.handoff__reason')!.textContent;
    expect(shown).toBe('More than one CRM location is named "Twin Pines Dental". Choose the right one in the extension popup.');
    expect(shown).toBe(reasonText('several-names', { name: 'Twin Pines Dental' }));
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('More than one');
  });

  it('still shows the sentence of a handoff stored by an older version, with no parameters', async () => {
    const sentence = 'The CRM did not accept the credentials: Invalid Twilio credentials. Please check the Account SID and Auth Token.';
    await storeHandoffs([makeHandoff('failed', { friendlyName: 'Old', reasonCode: 'crm-error', reason: sentence })]);
    render(<App />);
    const card = await screen.findByRole('article', { name: 'Old' });
    expect(within(card).getByText(sentence)).toBeTruthy();
  });

  it('warns before overriding a master-account rejection', async () => {
    const handoff = makeHandoff('rejected', { friendlyName: 'Parent', reasonCode: 'master-account', reasonParams: {}, isMasterAccount: true });
    await storeHandoffs([handoff]);
    render(<App />);
    const button = await screen.findByRole('button', { name: `${text.override}: Parent` });
    expect(within(handoffCard('Parent')).getByText(reasonText('master-account'))).toBeTruthy();
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toBe(text.masterWarning);
    fireEvent.click(button);
    await waitFor(() =>
      expect(fakes.sent).toContainEqual({ type: 'handoff-command', handoffId: handoff.id, action: 'override-master' }),
    );
  });

  it('copies the SID and the token; the token only while it is kept', async () => {
    const kept = makeHandoff('filled', { friendlyName: 'Kept' });
    const gone = makeHandoff('failed', { friendlyName: 'Gone' });
    await storeHandoffs([kept, gone], { [kept.id]: TOKEN });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: `${text.copySid}: Kept` }));
    await waitFor(() => expect(clipboard).toEqual([SID]));
    fireEvent.click(screen.getByRole('button', { name: `${text.copyToken}: Kept` }));
    await waitFor(() => expect(clipboard).toEqual([SID, TOKEN]));
    fireEvent.click(screen.getByRole('button', { name: `${text.copyToken}: Gone` }));
    expect(await within(handoffCard('Gone')).findByText(text.tokenUnavailable)).toBeTruthy();
    expect(clipboard).toEqual([SID, TOKEN]);
    expect(document.body.textContent).not.toContain(TOKEN);
  });

  it.each([
    ['clears it', { ok: true }, `${text.copied}. ${COPY_CLEARS}`],
    ['does not (clearing is off)', { ok: false }, `${text.copied}. ${COPY_STAYS}`],
    ['does not answer', undefined, `${text.copied}. ${COPY_STAYS}`],
  ])('a copied token is reported to the background, and the status says whether it %s', async (_name, reply, status) => {
    fakes.reply = (message) => ((message as { type?: string }).type === 'clipboard-copied' ? reply : { ok: true });
    const kept = makeHandoff('filled', { friendlyName: 'Kept' });
    await storeHandoffs([kept], { [kept.id]: TOKEN });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: `${text.copySid}: Kept` }));
    expect(await within(handoffCard('Kept')).findByText(text.copied)).toBeTruthy();
    // The SID alone is no secret: nothing to clear.
    expect(fakes.sent).not.toContainEqual(expect.objectContaining({ type: 'clipboard-copied' }));
    fireEvent.click(screen.getByRole('button', { name: `${text.copyToken}: Kept` }));
    expect(await within(handoffCard('Kept')).findByText(status)).toBeTruthy();
    expect(fakes.sent).toContainEqual({ type: 'clipboard-copied', text: TOKEN });
  });

  it('follows the background’s changes while open', async () => {
    const handoff = makeHandoff('verifying', { friendlyName: 'Live' });
    await storeHandoffs([handoff]);
    render(<App />);
    expect(await within(await screen.findByRole('article', { name: 'Live' })).findByText(STATE_TEXT.verifying)).toBeTruthy();
    await storeHandoffs([{ ...handoff, state: 'authorized', location: AUSTIN }]);
    expect(await within(handoffCard('Live')).findByText(STATE_TEXT.authorized)).toBeTruthy();
    await fakeBrowser.storage.session.remove(`handoff:${handoff.id}`);
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Live' })).toBeNull());
  });
});

describe('popup: choosing a location', () => {
  it('lists ranked candidates first and sends the chosen one after a confirmation', async () => {
    await saveLocations('app.gohighlevel.com', [DALLAS, AUSTIN, AUSTIN_2, { id: 'loc-other', name: 'Other' }]);
    const handoff = makeHandoff('needs-choice', {
      friendlyName: 'Acme Dental - Austin',
      reasonCode: 'several-names',
      reasonParams: { name: 'Acme Dental - Austin' },
      candidates: [
        { location: AUSTIN_2, score: 1 },
        { location: AUSTIN, score: 1 },
      ],
    });
    await storeHandoffs([handoff]);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: `${text.chooseLocation}: Acme Dental - Austin` }));
    const card = handoffCard('Acme Dental - Austin');
    await within(card).findByRole('button', { name: 'Choose Other' });
    const results = within(card).getAllByRole('button', { name: /^Choose / });
    expect(
      results.slice(0, 2).map((button) => [
        button.textContent,
        document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent,
      ]),
    ).toEqual([
      // Equal names are told apart by their CRM ids.
      ['Acme Dental - Austin', text.suggested + text.locationId(AUSTIN_2.id)],
      ['Acme Dental - Austin', text.suggested + text.locationId(AUSTIN.id)],
    ]);
    fireEvent.input(within(card).getByLabelText(text.searchLocations), { target: { value: 'dallas' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Choose Acme Dental - Dallas' }));
    expect(within(card).getByText(text.sendToLocation('Acme Dental - Dallas'))).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: text.cancel }));
    fireEvent.input(within(card).getByLabelText(text.searchLocations), { target: { value: '' } });
    fireEvent.click(within(card).getAllByRole('button', { name: 'Choose Acme Dental - Austin' })[0]!);
    expect(fakes.sent).toEqual([]);
    fireEvent.click(within(card).getByRole('button', { name: text.sendToLocationButton }));
    await waitFor(() =>
      expect(fakes.sent).toEqual([
        { type: 'handoff-command', handoffId: handoff.id, action: 'choose-location', location: AUSTIN_2 },
      ]),
    );
  });

  it('keeps keyboard focus on the next thing to answer', async () => {
    await saveLocations('app.gohighlevel.com', [AUSTIN, DALLAS]);
    await storeHandoffs([makeHandoff('needs-choice', { friendlyName: 'Acme', candidates: [{ location: AUSTIN, score: 1 }] })]);
    render(<App />);
    const open = await screen.findByRole('button', { name: `${text.chooseLocation}: Acme` });
    fireEvent.click(open);
    const card = handoffCard('Acme');
    await waitFor(() => expect(document.activeElement).toBe(within(card).getByLabelText(text.searchLocations)));
    fireEvent.click(within(card).getAllByRole('button', { name: text.pickLocationLabel(AUSTIN.name) })[0]!);
    await waitFor(() =>
      expect(document.activeElement).toBe(within(card).getByRole('button', { name: text.sendToLocationButton })),
    );
    fireEvent.click(within(card).getByRole('button', { name: text.cancel }));
    await waitFor(() => expect(document.activeElement).toBe(within(card).getByLabelText(text.searchLocations)));
    fireEvent.click(within(card).getByRole('button', { name: text.cancel }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: `${text.chooseLocation}: Acme` })),
    );
  });

  it('moves through the results with the arrow keys', async () => {
    await saveLocations('app.gohighlevel.com', [AUSTIN, DALLAS]);
    render(<App />);
    const search = await screen.findByLabelText(text.searchLocations);
    search.focus();
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe(text.openLocationLabel(AUSTIN.name));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe(text.openLocationLabel(DALLAS.name));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(search);
  });
});

describe('popup: location search', () => {
  it('opens any location’s update dialog', async () => {
    await saveLocations('app.gohighlevel.com', [AUSTIN, DALLAS]);
    render(<App />);
    fireEvent.input(await screen.findByLabelText(text.searchLocations), { target: { value: 'dal' } });
    fireEvent.click(screen.getByRole('button', { name: text.openLocationLabel(DALLAS.name) }));
    await waitFor(() => expect(fakes.sent).toEqual([{ type: 'open-location', location: DALLAS }]));
  });

  it('offers the active Twilio page’s location first', async () => {
    fakes.activeTab = { id: 42 };
    await saveLocations('app.gohighlevel.com', [
      { id: 'a', name: 'Alpha' },
      { id: 'z', name: 'Zulu Clinic' },
      DALLAS,
    ]);
    await storeHandoffs([
      makeHandoff('needs-choice', {
        sid: OTHER_SID,
        friendlyName: 'Zulu Clinic',
        source: { tabId: 42, frameId: 0, url: 'https://console.twilio.com/' },
      }),
    ]);
    render(<App />);
    const section = screen.getByRole('region', { name: text.locationsHeading });
    await within(section).findByText(text.thisTwilioPageLocation('Zulu Clinic'));
    const results = within(section).getAllByRole('button', { name: /^Open update dialog for / });
    expect(results.map((button) => button.getAttribute('aria-label'))).toEqual([
      text.openLocationLabel(DALLAS.name),
      text.openLocationLabel('Zulu Clinic'),
      text.openLocationLabel('Alpha'),
    ]);
  });
});

describe('popup: paste credentials', () => {
  it('checks the formats, then sends the cleaned pair', async () => {
    render(<App />);
    fireEvent.click(screen.getByText(text.pasteHeading));
    fireEvent.input(screen.getByLabelText(text.pasteSid), { target: { value: 'SK' + '1a'.repeat(16) } });
    fireEvent.input(screen.getByLabelText(text.pasteToken), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: text.pasteSend }));
    expect(await screen.findByText(/API key SID/)).toBeTruthy();
    expect(screen.getByText(/Auth Token does not look right/)).toBeTruthy();
    expect(screen.getByLabelText(text.pasteSid).getAttribute('aria-invalid')).toBe('true');
    expect(fakes.sent).toEqual([]);

    fireEvent.input(screen.getByLabelText(text.pasteSid), { target: { value: ` ${SID.toUpperCase()}\u200b` } });
    fireEvent.input(screen.getByLabelText(text.pasteToken), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole('button', { name: text.pasteSend }));
    expect(await screen.findByText(text.pasteSent)).toBeTruthy();
    expect(fakes.sent).toEqual([{ type: 'paste-credentials', sid: SID, token: TOKEN }]);
    expect((screen.getByLabelText(text.pasteToken) as HTMLInputElement).value).toBe('');
  });
});

describe('popup: the active tab', () => {
  const CRM_SIGNS = { title: false, assets: true, markup: true, phoneIntegration: true };

  it('offers Enable on this site on a page whose content looks like the CRM, asking for the permission first', async () => {
    fakes.activeTab = { id: 9, url: 'https://app.agency.example/settings/phone_integration' };
    fakes.pageSigns = CRM_SIGNS;
    fakes.openTabs = [{ id: 9, url: 'https://app.agency.example/settings/phone_integration' }];
    render(<App />);
    const button = await screen.findByRole('button', { name: text.enableSiteLabel('app.agency.example') });
    fireEvent.click(button);
    expect(fakes.permissions.requests).toEqual([['https://app.agency.example/*']]);
    expect(await screen.findByText(text.enableSiteDone('app.agency.example'))).toBeTruthy();
    expect((await loadSettings()).crmHosts).toEqual(['app.agency.example']);
    // Nothing of ours runs in the page until a handoff or a check needs it.
    expect(fakes.scripting.executed).toEqual([]);
    // Now enabled: the banner offers the page check instead.
    expect(await screen.findByRole('button', { name: text.checkPage })).toBeTruthy();
  });

  it('says so when the browser refuses', async () => {
    fakes.activeTab = { id: 9, url: 'https://app.agency.example/' };
    fakes.pageSigns = CRM_SIGNS;
    fakes.permissions.answer = 'deny';
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: text.enableSiteLabel('app.agency.example') }));
    expect(await screen.findByText(text.enableSiteDenied)).toBeTruthy();
  });

  it('checks an enabled CRM page and lists what was found', async () => {
    fakes.activeTab = { id: 5, url: 'https://app.gohighlevel.com/settings/phone_integration' };
    fakes.reply = () => ({
      anchors: [
        { anchor: 'tab', found: true },
        { anchor: 'search-box', found: false },
      ],
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: text.checkPage }));
    expect(await screen.findByText(CHECK_ANCHOR_TEXT['search-box'].name)).toBeTruthy();
    expect(screen.getByText(new RegExp(CHECK_ANCHOR_TEXT['search-box'].missing.slice(0, 30)))).toBeTruthy();
    // What was found needs no advice.
    expect(screen.queryByText(new RegExp(CHECK_ANCHOR_TEXT.tab.missing.slice(0, 30)))).toBeNull();
    expect(fakes.sent).toEqual([{ type: 'check-page', tabId: 5 }]);
  });

  it.each([
    ['app.slack.com', 'https://app.slack.com/client', { title: false, assets: false, markup: false, phoneIntegration: false }],
    ['a host the popup may not look into', 'https://app.agency.example/', undefined],
  ])('offers nothing on an app.* host whose content is not the CRM: %s', async (_, url, signs) => {
    fakes.activeTab = { id: 5, url };
    fakes.pageSigns = signs;
    render(<App />);
    await screen.findByText(text.firstRun);
    await vi.waitFor(() => expect(fakes.probed).toEqual([5]));
    expect(screen.queryByText(text.enableSite)).toBeNull();
    expect(screen.queryByText(/your CRM at/)).toBeNull();
  });

  it('warns on a look-alike of HighLevel’s host, even one that copies its page, and never calls it your CRM', async () => {
    fakes.activeTab = { id: 5, url: 'https://app.gohighlevel-login.com/settings/phone_integration' };
    fakes.pageSigns = CRM_SIGNS;
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toBe(text.lookalikeSite('app.gohighlevel-login.com'));
    expect(screen.queryByText(text.enableSite)).toBeNull();
    expect(screen.queryByText(/your CRM at/)).toBeNull();
  });

  it('shows no banner on other pages', async () => {
    fakes.activeTab = { id: 5, url: 'https://example.com/' };
    render(<App />);
    await screen.findByText(text.firstRun);
    expect(screen.queryByRole('button', { name: text.checkPage })).toBeNull();
    expect(screen.queryByText(text.enableSite)).toBeNull();
  });
});

describe('popup: every control has a name', () => {
  it('with handoffs in every state', async () => {
    await saveLocations('app.gohighlevel.com', [AUSTIN, DALLAS]);
    await storeHandoffs(HANDOFF_STATES.map((state) => makeHandoff(state, { location: AUSTIN, reasonCode: 'master-account' })));
    render(<App />);
    await screen.findAllByRole('article');
    for (const control of document.querySelectorAll('button, input, select, summary')) {
      const named =
        control.getAttribute('aria-label') ||
        control.textContent?.trim() ||
        (control.id && document.querySelector(`label[for="${control.id}"]`)?.textContent);
      expect(named, control.outerHTML).toBeTruthy();
    }
  });
});
