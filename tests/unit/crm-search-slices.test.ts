import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CrmTabError, searchLocations } from '../../utils/background/crm-tab';
import { CRM_SEARCH_REPLY_ROWS } from '../../utils/messages';

/**
 * The background's side of a long search (utils/background/crm-tab.ts searchLocations): the CRM page
 * replies with at most CRM_SEARCH_REPLY_ROWS locations at a time, and the background asks for the rest
 * by the result's id until it has them all; a slice that does not fit stops it rather than keep a
 * list made of two.
 */
const HOST = 'app.gohighlevel.com';
const locations = Array.from({ length: 1234 }, (_, i) => ({ id: `loc${i}`, name: `Clinic ${i}` }));
type Asked = { type: string; resultId?: string; offset?: number };
let asked: Asked[];

function answer(reply: (message: Asked) => unknown) {
  fakeBrowser.tabs.sendMessage = vi.fn(async (_tabId: number, message: Asked) => {
    asked.push(message);
    return reply(message);
  }) as never;
}
const slice = (offset: number, total = locations.length) => ({ ok: true, locations: locations.slice(offset, offset + CRM_SEARCH_REPLY_ROWS), total, resultId: 'R1' });

beforeEach(() => {
  fakeBrowser.reset();
  asked = [];
});

describe('a long search comes in slices', () => {
  it('asks for each slice in turn and returns the whole list, in order', async () => {
    answer((m) => slice(m.type === 'crm-search' ? 0 : m.offset!));
    const reply = await searchLocations({ tabId: 4, documentId: 'D' }, HOST, '');
    expect(reply).toEqual({ ok: true, locations });
    expect(asked.map((m) => [m.type, m.offset ?? 0])).toEqual([
      ['crm-search', 0],
      ['crm-search-more', 500],
      ['crm-search-more', 1000],
    ]);
    expect(asked.slice(1).every((m) => m.resultId === 'R1')).toBe(true);
  });

  it('a short list is one reply, as before', async () => {
    answer(() => ({ ok: true, locations: locations.slice(0, 3) }));
    await expect(searchLocations({ tabId: 4 }, HOST, 'Clinic')).resolves.toEqual({ ok: true, locations: locations.slice(0, 3) });
    expect(asked).toHaveLength(1);
  });

  it('a slice the page refuses (its result replaced by another search) ends the search with the page’s answer', async () => {
    const refusal = { ok: false, step: 'search', code: 'internal', params: {} };
    answer((m) => (m.type === 'crm-search' ? slice(0) : refusal));
    await expect(searchLocations({ tabId: 4 }, HOST, '')).resolves.toEqual(refusal);
  });

  it.each([
    ['an empty slice', () => ({ ok: true, locations: [], total: locations.length, resultId: 'R1' })],
    ['a slice of another total', () => slice(500, 2000)],
  ])('%s: the answer is not understood, rather than a list made of two', async (_name, more) => {
    answer((m) => (m.type === 'crm-search' ? slice(0) : more()));
    await expect(searchLocations({ tabId: 4 }, HOST, '')).rejects.toBeInstanceOf(CrmTabError);
  });
});
