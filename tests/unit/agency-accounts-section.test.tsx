import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgencyAccountsSection } from '../../components/AgencyAccountsSection';
import { agencyText } from '../../components/master-text';
import { belongsToAgency, loadAgencyAccounts } from '../../utils/agency-accounts';
import { installFakes } from './support/extension-fakes';

const AGENCY = 'AC' + 'a'.repeat(32);
const OTHER = 'AC' + 'b'.repeat(32);

beforeEach(() => installFakes());
afterEach(() => cleanup());

describe('belongsToAgency', () => {
  it.each([
    ['no agency account named yet: any owner', [], OTHER, true],
    ['the owner is one of them', [AGENCY], AGENCY, true],
    ['the owner is not', [AGENCY], OTHER, false],
    ['several named, the owner among them', [OTHER, AGENCY], AGENCY, true],
  ])('%s', (_name, accounts, owner, expected) => {
    expect(belongsToAgency(owner, accounts)).toBe(expected);
  });
});

describe('options: the agency’s Twilio accounts', () => {
  it('adds a SID typed with spaces around it, refuses what is not one, and removes', async () => {
    render(<AgencyAccountsSection />);
    expect(await screen.findByText(agencyText.none)).toBeTruthy();
    const field = screen.getByLabelText(agencyText.addLabel);
    fireEvent.input(field, { target: { value: 'AC123' } });
    fireEvent.click(screen.getByRole('button', { name: agencyText.add }));
    expect(await screen.findByText(agencyText.invalid)).toBeTruthy();
    expect(await loadAgencyAccounts()).toEqual([]);

    fireEvent.input(field, { target: { value: `  ${AGENCY} ` } });
    fireEvent.click(screen.getByRole('button', { name: agencyText.add }));
    expect(await screen.findByText(agencyText.added(AGENCY))).toBeTruthy();
    expect(await loadAgencyAccounts()).toEqual([AGENCY]);

    fireEvent.click(await screen.findByRole('button', { name: agencyText.removeLabel(AGENCY) }));
    expect(await screen.findByText(agencyText.removed(AGENCY))).toBeTruthy();
    expect(await loadAgencyAccounts()).toEqual([]);
  });
});
