import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSettings } from '../../utils/settings';
import { text } from '../../components/text';
import { welcomeText } from '../../components/welcome-text';
import { WelcomePage } from '../../entrypoints/welcome/App';
import { browserFamily } from '../../utils/browser-family';
import { installFakes, type Fakes } from './support/extension-fakes';

/** The first-run page (issue 13 item 3), with WXT's fake browser; in Chromium: tests/e2e/first-run.test.ts. */

const UA = {
  chrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
  brave: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  opera: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 OPR/120.0.0.0',
};
const HOST = 'app.agency.example';
let fakes: Fakes;

beforeEach(() => {
  fakes = installFakes();
  // The fake browser has no pin: like Firefox, the page cannot tell.
  Object.assign(fakeBrowser.action, { getUserSettings: undefined, onUserSettingsChanged: undefined });
});
afterEach(() => cleanup());

describe('browserFamily', () => {
  it.each([
    [UA.chrome, 'chrome'],
    [UA.edge, 'edge'],
    [UA.firefox, 'firefox'],
    [UA.brave, 'chrome'],
    [UA.opera, 'chrome'],
    ['', 'chrome'],
  ])('reads %j as %s', (userAgent, family) => {
    expect(browserFamily(userAgent)).toBe(family);
  });
});

describe('the welcome page', () => {
  it('says what the extension does, then each step under its own heading', async () => {
    render(<WelcomePage userAgent={UA.chrome} />);
    expect(screen.getByRole('heading', { level: 1, name: welcomeText.title })).toBeTruthy();
    expect(screen.getByText(welcomeText.lead)).toBeTruthy();
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual([welcomeText.howHeading, welcomeText.pinHeading, text.hostsHeading, welcomeText.settingsHeading]);
    for (const step of welcomeText.howSteps) expect(screen.getByText(step)).toBeTruthy();
    expect(screen.getByText(welcomeText.tokenNote)).toBeTruthy();
    expect(screen.getByText(welcomeText.auditBody)).toBeTruthy();
    expect(screen.getByText(welcomeText.later)).toBeTruthy();
  });

  it.each(['chrome', 'edge', 'firefox'] as const)('shows %s’s pinning steps first, the others folded away', (family) => {
    render(<WelcomePage userAgent={UA[family]} />);
    const pin = screen.getByRole('region', { name: welcomeText.pinHeading });
    const lists = within(pin).getAllByRole('list');
    expect(within(lists[0]!).getAllByRole('listitem').map((li) => li.textContent)).toEqual(welcomeText.pinSteps[family]);
    const others = pin.querySelector('details')!;
    expect(others.open).toBe(false);
    const named = within(others).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(named).toEqual((['chrome', 'edge', 'firefox'] as const).filter((f) => f !== family).map((f) => welcomeText.browserName[f]));
  });

  it('confirms the pin where the browser tells, and looks again when it changes', async () => {
    let isOnToolbar = false;
    const listeners = new Set<() => void>();
    Object.assign(fakeBrowser.action, {
      getUserSettings: vi.fn(async () => ({ isOnToolbar })),
      onUserSettingsChanged: { addListener: (l: () => void) => listeners.add(l), removeListener: (l: () => void) => listeners.delete(l) },
    });
    render(<WelcomePage userAgent={UA.chrome} />);
    await waitFor(() => expect(fakeBrowser.action.getUserSettings).toHaveBeenCalled());
    expect(screen.queryByText(welcomeText.pinned)).toBeNull();
    isOnToolbar = true;
    for (const listener of listeners) listener();
    expect(await screen.findByText(welcomeText.pinned)).toBeTruthy();
  });

  it('never claims a pin where the browser cannot tell', async () => {
    render(<WelcomePage userAgent={UA.firefox} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByText(welcomeText.pinned)).toBeNull();
  });

  it('adds a white-label CRM site through the options page’s own flow: the browser’s prompt from the click', async () => {
    fakes.openTabs = [{ id: 5, url: `https://${HOST}/settings/phone_integration` }];
    render(<WelcomePage userAgent={UA.chrome} />);
    fireEvent.input(screen.getByLabelText(text.hostAddLabel), { target: { value: HOST } });
    fireEvent.submit(screen.getByLabelText(text.hostAddLabel).closest('form')!);
    expect(fakes.permissions.requests).toEqual([[`https://${HOST}/*`]]);
    expect(await screen.findByText(text.hostAdded(HOST))).toBeTruthy();
    expect((await loadSettings()).crmHosts).toEqual([HOST]);
  });

  it('opens the settings', () => {
    render(<WelcomePage userAgent={UA.chrome} />);
    fireEvent.click(screen.getByRole('button', { name: welcomeText.openSettings }));
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalledTimes(1);
  });
});
