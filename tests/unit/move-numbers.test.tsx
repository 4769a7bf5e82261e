import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MoveNumbersSection } from '../../components/MoveNumbersSection';
import { numbersText } from '../../components/master-text';
import { installFakes } from './support/extension-fakes';

const MASTER = 'AC' + 'a'.repeat(32);
const SUB = 'AC' + 'b'.repeat(32);
const TOKEN = '0123456789abcdef'.repeat(2);
const FREE = 'PN' + '1'.repeat(32);
const TIED = 'PN' + '2'.repeat(32);

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const number = (sid: string, phone: string, account = MASTER) => ({ sid, account_sid: account, phone_number: phone, friendly_name: phone, capabilities: { sms: true, voice: true } });

/** Twilio as the master sees it: two numbers, one sub-account; the tied number refuses to move. */
function twilio() {
  const transfers: { sid: string; body: string; auth: string | null }[] = [];
  const owners = new Map([[FREE, MASTER], [TIED, MASTER]]);
  vi.stubGlobal('fetch', vi.fn(async (input: Request) => {
    const url = new URL(input.url);
    const auth = input.headers.get('authorization');
    if (url.pathname === `/2010-04-01/Accounts/${MASTER}/IncomingPhoneNumbers.json`) {
      const list = [...owners].filter(([, owner]) => owner === MASTER).map(([sid]) => number(sid, sid === FREE ? '+15125550001' : '+15125550002'));
      return json(200, { incoming_phone_numbers: list, next_page_uri: null, page: 0, page_size: 200 });
    }
    if (url.pathname === '/2010-04-01/Accounts.json') {
      return json(200, { accounts: [{ sid: SUB, owner_account_sid: MASTER, friendly_name: 'Acme Dental - Austin', status: 'active', type: 'Full', date_created: null, date_updated: null }], next_page_uri: null, page: 0, page_size: 200 });
    }
    const moving = /IncomingPhoneNumbers\/(PN[0-9a-f]{32})\.json$/.exec(url.pathname)?.[1];
    if (moving && input.method === 'POST') {
      const body = await input.text();
      transfers.push({ sid: moving, body, auth });
      if (moving === TIED) return json(400, { code: 21712, message: 'The number is a sender of a Messaging Service; remove it from the service first.', more_info: 'https://www.twilio.com/docs/errors/21712', status: 400 });
      owners.set(moving, SUB);
      return json(200, number(moving, '+15125550001', SUB));
    }
    return json(404, { code: 20404, message: 'Not found', status: 404 });
  }));
  return transfers;
}

beforeEach(() => installFakes());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('options: moving numbers from the master account', () => {
  it('moves the chosen numbers one by one to the chosen sub-account, with Twilio’s own reason for a refusal', async () => {
    const transfers = twilio();
    render(<MoveNumbersSection master={{ sid: MASTER, token: TOKEN, friendlyName: 'Agency', expiresAt: Date.now() + 60_000 }} />);
    fireEvent.click(await screen.findByRole('checkbox', { name: /\+15125550001/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /\+15125550002/ }));
    fireEvent.change(screen.getByLabelText(numbersText.target), { target: { value: SUB } });
    fireEvent.click(screen.getByRole('button', { name: numbersText.move(2) }));
    const results = await screen.findByRole('list', { name: numbersText.resultsLabel });
    await vi.waitFor(() => expect(within(results).getAllByRole('listitem')).toHaveLength(2));
    expect(within(results).getByText(numbersText.moved('+15125550001'))).toBeTruthy();
    expect(within(results).getByText(/\+15125550002: not moved\. Twilio refused moving the number: The number is a sender of a Messaging Service/)).toBeTruthy();
    expect(await screen.findByText(numbersText.finished(1, 2))).toBeTruthy();
    expect(transfers.map((t) => [t.sid, new URLSearchParams(t.body).get('AccountSid')])).toEqual([[FREE, SUB], [TIED, SUB]]);
    expect(transfers.every((t) => t.auth === `Basic ${btoa(`${MASTER}:${TOKEN}`)}`)).toBe(true);
    // Listed again afterwards: the moved number is no longer the master's.
    await vi.waitFor(() => expect(screen.queryByRole('checkbox', { name: /\+15125550001/ })).toBeNull());
  });

  it('moves nothing until a sub-account and at least one number are chosen', async () => {
    const transfers = twilio();
    render(<MoveNumbersSection master={{ sid: MASTER, token: TOKEN, friendlyName: 'Agency', expiresAt: Date.now() + 60_000 }} />);
    fireEvent.click(await screen.findByRole('checkbox', { name: /\+15125550001/ }));
    fireEvent.click(screen.getByRole('button', { name: numbersText.move(1) }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(transfers).toEqual([]);
  });
});
