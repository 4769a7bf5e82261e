import { describe, expect, it } from 'vitest';
import { isFromBackground, isFromConsole, isFromCrm, isFromExtensionPage } from '../../utils/senders';
import { consoleSenders } from './support/console-senders';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
const tab = { id: 7 };

describe('isFromConsole', () => {
  it.each(consoleSenders(ID))('%s', (_name, sender, expected) => expect(isFromConsole(sender, ID)).toBe(expected));
});

describe('isFromCrm', () => {
  const hosts = ['app.gohighlevel.com', 'app.myagency.test'];
  it.each([
    [{ id: ID, tab, frameId: 0, url: 'https://app.gohighlevel.com/settings/phone_integration' }, true],
    [{ id: ID, tab, frameId: 0, url: 'https://app.myagency.test/settings/twilio' }, true],
    [{ id: ID, tab, frameId: 3, url: 'https://app.gohighlevel.com/' }, false],
    [{ id: ID, tab, frameId: 0, url: 'https://app.unknown.test/' }, false],
    [{ id: ID, frameId: 0, url: 'https://app.gohighlevel.com/' }, false],
  ])('%j → %s', (sender, expected) => expect(isFromCrm(sender, ID, hosts)).toBe(expected));
});

describe('isFromExtensionPage', () => {
  it.each([
    [{ id: ID, url: `${BASE}popup.html` }, true],
    [{ id: ID, url: `${BASE}options.html`, tab }, true],
    [{ id: ID, url: 'https://console.twilio.com/', tab }, false],
    [{ id: 'other', url: `${BASE}popup.html` }, false],
  ])('%j → %s', (sender, expected) => expect(isFromExtensionPage(sender, ID, BASE)).toBe(expected));
});

it('isFromBackground accepts only our extension outside any tab', () => {
  expect(isFromBackground({ id: ID }, ID)).toBe(true);
  expect(isFromBackground({ id: ID, tab }, ID)).toBe(false);
  expect(isFromBackground({ id: 'x' }, ID)).toBe(false);
});
