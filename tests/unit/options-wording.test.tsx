import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../entrypoints/options/App';
import { LABEL_VARIANT_KIND_TEXT, LABEL_VARIANT_PROBLEM_TEXT, text } from '../../components/text';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../utils/settings';
import { installFakes } from './support/extension-fakes';

/** Options → CRM wording (issue 6 item 1): the admin adds the wording the CRM now uses, checked first. */
beforeEach(() => {
  installFakes();
});
afterEach(() => cleanup());

const section = () => screen.getByRole('region', { name: text.wordingHeading });

async function add(kindLabel: string, wording: string): Promise<void> {
  const card = section();
  fireEvent.change(within(card).getByLabelText(text.wordingKind), {
    target: { value: Object.entries(LABEL_VARIANT_KIND_TEXT).find(([, label]) => label === kindLabel)![0] },
  });
  fireEvent.input(within(card).getByLabelText(text.wordingText), { target: { value: wording } });
  fireEvent.click(within(card).getByRole('button', { name: text.wordingAdd }));
}

describe('options: CRM wording', () => {
  it('adds a wording the CRM now uses, lists it, and the CRM driver reads it from the settings', async () => {
    render(<App />);
    expect(await screen.findByText(text.wordingNone)).toBeTruthy();
    // The built-in wording of the chosen place is shown, so the admin sees what is already known.
    expect(within(section()).getByText(/Built in: Auth Token, Twilio Auth Token/)).toBeTruthy();
    await add(LABEL_VARIANT_KIND_TEXT.tokenLabel, '  Twilio Auth   Key ');
    expect(await screen.findByText(text.wordingAdded('Twilio Auth Key'))).toBeTruthy();
    expect((await loadSettings()).labelVariants).toEqual({ tokenLabel: ['Twilio Auth Key'] });
    const list = await within(section()).findByRole('list', { name: text.wordingListLabel });
    expect(within(list).getByText('Twilio Auth Key')).toBeTruthy();
    expect(within(list).getByText(LABEL_VARIANT_KIND_TEXT.tokenLabel)).toBeTruthy();
    expect((within(section()).getByLabelText(text.wordingText) as HTMLInputElement).value).toBe('');
  });

  it.each([
    ['nothing', LABEL_VARIANT_KIND_TEXT.tokenLabel, '   ', LABEL_VARIANT_PROBLEM_TEXT.empty],
    ['61 characters', LABEL_VARIANT_KIND_TEXT.searchBox, 'x'.repeat(61), LABEL_VARIANT_PROBLEM_TEXT['too-long']],
    ['markup', LABEL_VARIANT_KIND_TEXT.submitButton, '<b>Connect</b>', LABEL_VARIANT_PROBLEM_TEXT['not-plain']],
    ['an invisible character', LABEL_VARIANT_KIND_TEXT.searchBox, 'Find\u200bclients', LABEL_VARIANT_PROBLEM_TEXT['not-plain']],
    ['a built-in wording', LABEL_VARIANT_KIND_TEXT.sidLabel, 'Twilio Account SID', LABEL_VARIANT_PROBLEM_TEXT['built-in']],
    ['the other field’s label', LABEL_VARIANT_KIND_TEXT.sidLabel, 'Auth Token', LABEL_VARIANT_PROBLEM_TEXT.conflict],
  ])('refuses %s with a reason, and stores nothing', async (_name, kindLabel, wording, reason) => {
    render(<App />);
    await screen.findByText(text.wordingNone);
    await add(kindLabel, wording);
    expect(await within(section()).findByText(reason)).toBeTruthy();
    expect(within(section()).getByLabelText(text.wordingText).getAttribute('aria-invalid')).toBe('true');
    expect((await loadSettings()).labelVariants).toEqual({});
  });

  it('refuses the same wording twice, and removes one', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, labelVariants: { searchBox: ['Find client accounts'] } });
    render(<App />);
    await screen.findByRole('region', { name: text.wordingHeading });
    await within(section()).findByText('Find client accounts');
    await add(LABEL_VARIANT_KIND_TEXT.searchBox, 'find client accounts:');
    expect(await within(section()).findByText(LABEL_VARIANT_PROBLEM_TEXT.duplicate)).toBeTruthy();

    fireEvent.click(within(section()).getByRole('button', { name: text.wordingRemoveLabel('Find client accounts', LABEL_VARIANT_KIND_TEXT.searchBox) }));
    expect(await screen.findByText(text.wordingRemoved('Find client accounts'))).toBeTruthy();
    await waitFor(async () => expect((await loadSettings()).labelVariants.searchBox).toEqual([]));
    expect(await screen.findByText(text.wordingNone)).toBeTruthy();
  });
});
