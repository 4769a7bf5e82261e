import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notificationsText } from '../../components/notifications-text';
import { text } from '../../components/text';
import { App } from '../../entrypoints/options/App';
import { installFakes, type Fakes } from './support/extension-fakes';

/** The options page's Notifications section (issue 13 item 2): the optional permission is the option. */

let fakes: Fakes;

beforeEach(() => {
  fakes = installFakes();
});
afterEach(() => cleanup());

async function toggle(): Promise<HTMLInputElement> {
  const section = await screen.findByRole('region', { name: notificationsText.heading });
  return within(section).getByRole('checkbox', { name: notificationsText.toggle }) as HTMLInputElement;
}

describe('options: notifications', () => {
  it('are off by default, and nothing is asked before the admin turns them on', async () => {
    render(<App />);
    expect((await toggle()).checked).toBe(false);
    expect(fakes.permissions.apiRequests).toEqual([]);
  });

  it('asks the browser from the click itself, then shows them on', async () => {
    render(<App />);
    const box = await toggle();
    fireEvent.click(box);
    // Synchronously within the click handler, while the browser still sees the gesture:
    expect(fakes.permissions.apiRequests).toEqual([['notifications']]);
    expect(await screen.findByText(notificationsText.on)).toBeTruthy();
    expect(fakes.permissions.apis.has('notifications')).toBe(true);
    await waitFor(async () => expect((await toggle()).checked).toBe(true));
  });

  it('stay off when the browser does not allow them', async () => {
    fakes.permissions.answer = 'deny';
    render(<App />);
    fireEvent.click(await toggle());
    expect(await screen.findByText(notificationsText.denied)).toBeTruthy();
    expect((await toggle()).checked).toBe(false);
  });

  it('turn off by giving the permission back', async () => {
    fakes.permissions.apis.add('notifications');
    render(<App />);
    await waitFor(async () => expect((await toggle()).checked).toBe(true));
    fireEvent.click(await toggle());
    expect(await screen.findByText(notificationsText.off)).toBeTruthy();
    expect(fakes.permissions.apis.has('notifications')).toBe(false);
    expect((await toggle()).checked).toBe(false);
  });

  it('follow a change made in the browser’s own settings while the page is open', async () => {
    render(<App />);
    expect((await toggle()).checked).toBe(false);
    fakes.permissions.apis.add('notifications');
    await fakes.permissions.onAdded.trigger({ permissions: ['notifications'] });
    await waitFor(async () => expect((await toggle()).checked).toBe(true));
  });

  it('are turned off by Clear all data', async () => {
    fakes.permissions.apis.add('notifications');
    render(<App />);
    await waitFor(async () => expect((await toggle()).checked).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: text.clearButton }));
    fireEvent.click(screen.getByRole('button', { name: text.clearConfirmButton }));
    expect(await screen.findByText(text.cleared)).toBeTruthy();
    expect(fakes.permissions.apis.has('notifications')).toBe(false);
    await waitFor(async () => expect((await toggle()).checked).toBe(false));
  });
});

describe('options: getting started', () => {
  it('links to the welcome page', () => {
    render(<App />);
    expect(screen.getByRole('link', { name: text.gettingStarted }).getAttribute('href')).toBe('/welcome.html');
  });
});
