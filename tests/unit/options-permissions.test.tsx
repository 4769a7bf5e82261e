import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clipboardOptionText } from '../../components/clipboard-option-text';
import { notificationsText } from '../../components/notifications-text';
import { text } from '../../components/text';
import { App } from '../../entrypoints/options/App';
import { installFakes, type Fakes } from './support/extension-fakes';

/**
 * The options page's sections whose option is an optional browser permission itself
 * (components/PermissionToggle.tsx): Notifications (issue 13 item 2) and Clipboard, clearing copied
 * Auth Tokens (issue 11 item 4), which asks for reading and writing the clipboard together.
 */

let fakes: Fakes;

beforeEach(() => {
  fakes = installFakes();
});
afterEach(() => cleanup());

const OPTIONS = [
  { name: 'notifications', words: notificationsText, permissions: ['notifications'] },
  { name: 'clearing copied Auth Tokens', words: clipboardOptionText, permissions: ['clipboardRead', 'clipboardWrite'] },
] as const;

describe.each(OPTIONS)('options: $name', ({ words, permissions }) => {
  async function toggle(): Promise<HTMLInputElement> {
    const section = await screen.findByRole('region', { name: words.heading });
    return within(section).getByRole('checkbox', { name: words.toggle }) as HTMLInputElement;
  }
  const grant = () => permissions.forEach((p) => fakes.permissions.apis.add(p));
  const granted = () => permissions.filter((p) => fakes.permissions.apis.has(p));

  it('is off by default, and nothing is asked before the admin turns it on', async () => {
    render(<App />);
    expect((await toggle()).checked).toBe(false);
    expect(fakes.permissions.apiRequests).toEqual([]);
  });

  it('asks the browser from the click itself, then shows it on', async () => {
    render(<App />);
    const box = await toggle();
    fireEvent.click(box);
    // Synchronously within the click handler, while the browser still sees the gesture:
    expect(fakes.permissions.apiRequests).toEqual([[...permissions]]);
    expect(await screen.findByText(words.on)).toBeTruthy();
    expect(granted()).toEqual(permissions);
    await waitFor(async () => expect((await toggle()).checked).toBe(true));
  });

  it('stays off when the browser does not allow it', async () => {
    fakes.permissions.answer = 'deny';
    render(<App />);
    fireEvent.click(await toggle());
    expect(await screen.findByText(words.denied)).toBeTruthy();
    expect((await toggle()).checked).toBe(false);
  });

  it('turns off by giving the permission back', async () => {
    grant();
    render(<App />);
    await waitFor(async () => expect((await toggle()).checked).toBe(true));
    fireEvent.click(await toggle());
    expect(await screen.findByText(words.off)).toBeTruthy();
    expect(granted()).toEqual([]);
    expect((await toggle()).checked).toBe(false);
  });

  it('follows a change made in the browser’s own settings while the page is open', async () => {
    render(<App />);
    expect((await toggle()).checked).toBe(false);
    grant();
    await fakes.permissions.onAdded.trigger({ permissions });
    await waitFor(async () => expect((await toggle()).checked).toBe(true));
  });

  it('is turned off by Clear all data', async () => {
    grant();
    render(<App />);
    await waitFor(async () => expect((await toggle()).checked).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: text.clearButton }));
    fireEvent.click(screen.getByRole('button', { name: text.clearConfirmButton }));
    expect(await screen.findByText(text.cleared)).toBeTruthy();
    expect(granted()).toEqual([]);
    await waitFor(async () => expect((await toggle()).checked).toBe(false));
  });
});

describe('options: getting started', () => {
  it('links to the welcome page', () => {
    render(<App />);
    expect(screen.getByRole('link', { name: text.gettingStarted }).getAttribute('href')).toBe('/welcome.html');
  });
});
