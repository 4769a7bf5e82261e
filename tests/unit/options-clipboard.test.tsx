import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clipboardOptionText } from '../../components/clipboard-option-text';
import { text } from '../../components/text';
import { App } from '../../entrypoints/options/App';
import { installFakes, type Fakes } from './support/extension-fakes';

/**
 * The options page's Clipboard section: clearing copied Auth Tokens is the optional permission to
 * read and write the clipboard (utils/clipboard/permission.ts), asked for from the click itself.
 */

let fakes: Fakes;

beforeEach(() => {
  fakes = installFakes();
});
afterEach(() => cleanup());

async function toggle(): Promise<HTMLInputElement> {
  const section = await screen.findByRole('region', { name: clipboardOptionText.heading });
  return within(section).getByRole('checkbox', { name: clipboardOptionText.toggle }) as HTMLInputElement;
}

describe('options: clearing copied Auth Tokens', () => {
  it('is off by default, and nothing is asked before the admin turns it on', async () => {
    render(<App />);
    expect((await toggle()).checked).toBe(false);
    expect(fakes.permissions.apiRequests).toEqual([]);
  });

  it('asks the browser for reading and writing the clipboard from the click itself, then shows it on', async () => {
    render(<App />);
    fireEvent.click(await toggle());
    expect(fakes.permissions.apiRequests).toEqual([['clipboardRead', 'clipboardWrite']]);
    expect(await screen.findByText(clipboardOptionText.on)).toBeTruthy();
    await waitFor(async () => expect((await toggle()).checked).toBe(true));
  });

  it('stays off, and says the tokens stay on the clipboard, when the browser does not allow it', async () => {
    fakes.permissions.answer = 'deny';
    render(<App />);
    fireEvent.click(await toggle());
    expect(await screen.findByText(clipboardOptionText.denied)).toBeTruthy();
    expect((await toggle()).checked).toBe(false);
  });

  it('turns off by giving the permissions back, and with Clear all data', async () => {
    fakes.permissions.apis.add('clipboardRead');
    fakes.permissions.apis.add('clipboardWrite');
    render(<App />);
    await waitFor(async () => expect((await toggle()).checked).toBe(true));
    fireEvent.click(await toggle());
    expect(await screen.findByText(clipboardOptionText.off)).toBeTruthy();
    expect([...fakes.permissions.apis]).toEqual([]);

    fakes.permissions.apis.add('clipboardRead');
    fakes.permissions.apis.add('clipboardWrite');
    await fakes.permissions.onAdded.trigger({ permissions: ['clipboardRead', 'clipboardWrite'] });
    await waitFor(async () => expect((await toggle()).checked).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: text.clearButton }));
    fireEvent.click(screen.getByRole('button', { name: text.clearConfirmButton }));
    expect(await screen.findByText(text.cleared)).toBeTruthy();
    expect([...fakes.permissions.apis]).toEqual([]);
    await waitFor(async () => expect((await toggle()).checked).toBe(false));
  });
});
