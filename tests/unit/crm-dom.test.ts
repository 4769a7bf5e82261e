import { afterEach, describe, expect, it } from 'vitest';
import { DomError } from '../../utils/dom/errors';
import {
  accessibleName,
  clickTarget,
  findByName,
  findField,
  isVisible,
  matchesText,
  nearestLabel,
  fieldsIn,
  textKey,
} from '../../utils/dom/find';
import { clickElement, fillField } from '../../utils/dom/fill';
import { waitFor, waitForQuiet } from '../../utils/dom/wait-for';

afterEach(() => {
  document.body.innerHTML = '';
});

function mount(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

const SID_LABELS = ['Account SID', 'Twilio Account SID'];
const TOKEN_LABELS = ['Auth Token', 'Twilio Auth Token'];
const KNOWN = [...SID_LABELS, ...TOKEN_LABELS];
const SID = { what: 'Account SID field', labels: SID_LABELS, names: ['accountSid', 'sid'] };
const TOKEN = { what: 'Auth Token field', labels: TOKEN_LABELS, names: ['authToken', 'token'] };

describe('text keys', () => {
  it.each([
    ['Account SID', 'account sid'],
    ['  Account\u00a0 SID: ', 'account sid'],
    ['Auth Token *', 'auth token'],
    ['ＡＣＣＯＵＮＴ SID', 'account sid'],
  ])('%j → %j', (input, key) => expect(textKey(input)).toBe(key));

  it.each([
    ['Search sub-accounts by name', ['Search sub-accounts'], 'prefix', true],
    ['Search contacts', ['Search sub-accounts'], 'prefix', false],
    ['Acme Dental - Austin', ['Acme Dental'], 'exact', false],
    ['Enter your Twilio Account SID', ['Account SID'], 'contains', true],
  ] as const)('%j matches %j (%s): %s', (actual, texts, match, expected) => {
    expect(matchesText(actual, texts, match)).toBe(expected);
  });
});

describe('fields found by many clues', () => {
  const cases: [string, string][] = [
    [
      'naive-ui form items (label next to the input, asterisk inside)',
      `<div class="hr-form-item"><label class="hr-form-item-label"><span class="hr-form-item-label__text">Account SID</span><span class="hr-form-item-label__asterisk">&nbsp;*</span></label>
         <div class="hr-form-item-blank"><div class="hr-input"><div class="hr-input-wrapper"><div class="hr-input__input"><input class="hr-input__input-el" type="text"></div></div></div></div></div>
       <div class="hr-form-item"><label class="hr-form-item-label"><span class="hr-form-item-label__text">Auth Token</span></label>
         <div class="hr-form-item-blank"><div class="hr-input"><input class="hr-input__input-el" type="password"></div></div></div>`,
    ],
    [
      'Bootstrap form groups with for= labels, older wording',
      `<div class="form-group"><label for="a">Twilio Account SID</label><input id="a" class="form-control"></div>
       <div class="form-group"><label for="b">Twilio Auth Token</label><input id="b" class="form-control" type="password"></div>`,
    ],
    [
      'aria-label only',
      `<input aria-label="Account SID"><input aria-label="Auth Token" type="password">`,
    ],
    [
      'placeholders only',
      `<input placeholder="Enter your Account SID"><input placeholder="Enter your Auth Token" type="password">`,
    ],
    [
      'name attributes only',
      `<input name="account_sid"><input name="auth_token" type="password">`,
    ],
    [
      'a help text that mentions the other field does not confuse the label',
      `<div><div><span>Account SID</span><input></div><p>Find your Account SID and Auth Token in the Twilio console.</p>
       <div><span>Auth Token</span><input type="password"></div></div>`,
    ],
  ];
  it.each(cases)('%s', (_, html) => {
    const root = mount(html);
    const sid = findField(root, SID, KNOWN);
    const token = findField(root, TOKEN, KNOWN);
    expect(sid).not.toBe(token);
    const all = fieldsIn(root);
    expect(all.indexOf(sid)).toBe(0);
    expect(all.indexOf(token)).toBe(1);
  });

  it('refuses a field when two inputs carry the same label (ambiguous, not the first)', () => {
    const root = mount(`<label>Account SID <input></label><label>Account SID <input></label><input aria-label="Auth Token">`);
    expect(() => findField(root, SID, KNOWN)).toThrowError(expect.objectContaining({ code: 'ambiguous' }));
  });

  it('says which field is missing', () => {
    const root = mount(`<input aria-label="Auth Token">`);
    expect(() => findField(root, SID, KNOWN)).toThrowError(new DomError('not-found', 'Account SID field'));
  });

  it('a shared container with two different labels gives neither field a label from it', () => {
    const root = mount(`<div><span>Account SID</span><span>Auth Token</span><input><input></div>`);
    const fields = fieldsIn(root);
    expect(nearestLabel(fields[0]!, KNOWN, fields)).toBeUndefined();
  });

  it('skips hidden inputs and non-text inputs', () => {
    const root = mount(`<input aria-label="Account SID" style="display:none"><input type="checkbox" aria-label="Account SID"><input aria-label="Account SID" id="real">`);
    expect(findField(root, SID, KNOWN).id).toBe('real');
  });
});

describe('names and visibility', () => {
  it('reads accessible names from aria-labelledby, aria-label, text and title', () => {
    mount(`<span id="l">More actions</span><button id="a" aria-labelledby="l"></button><button id="b" aria-label="Open menu"></button>
           <button id="c"> Save </button><button id="d" title="Edit"><svg></svg></button>`);
    expect(['a', 'b', 'c', 'd'].map((id) => accessibleName(document.getElementById(id)!))).toEqual(['More actions', 'Open menu', 'Save', 'Edit']);
  });

  it('treats display:none and visibility:hidden ancestors as invisible', () => {
    mount(`<div style="display:none"><button id="a">x</button></div><div style="visibility:hidden"><button id="b">x</button></div><button id="c">x</button>`);
    expect(['a', 'b', 'c'].map((id) => isVisible(document.getElementById(id)!))).toEqual([false, false, true]);
  });

  it('findByName tries texts in order and refuses two hits', () => {
    const root = mount(`<button>Save</button><button>Authorize</button>`);
    expect(findByName(root, ['button'], ['Authorize', 'Save'], { what: 'Authorize button' }).textContent).toBe('Authorize');
    mount(`<button>Save</button><button>Save</button>`);
    expect(() => findByName(document.body, ['button'], ['Authorize', 'Save'], { what: 'Authorize button' })).toThrowError(/ambiguous/);
  });

  it('clicks land on the innermost element showing the text (where Vue listens)', () => {
    const root = mount(`<div class="hr-dropdown-option"><div class="hr-dropdown-option-body"><div class="hr-dropdown-option-body__label">Update Credentials</div></div></div>`);
    const item = root.querySelector('.hr-dropdown-option')!;
    expect(clickTarget(item, ['Update Credentials']).className).toBe('hr-dropdown-option-body__label');
  });
});

describe('fillField', () => {
  it('fires focus, input, change, blur in that order and sets the value', () => {
    const root = mount(`<input id="f">`);
    const input = root.querySelector('input')!;
    const events: string[] = [];
    for (const type of ['focus', 'input', 'change', 'blur']) input.addEventListener(type, () => events.push(`${type}:${input.value}`));
    fillField(input, 'AC0123', 'Account SID field');
    expect(events).toEqual(['focus:', 'input:AC0123', 'change:AC0123', 'blur:AC0123']);
    expect(input.value).toBe('AC0123');
  });

  it('keeps a value under a v-model-like binding that re-renders from state', async () => {
    const root = mount(`<input>`);
    const input = root.querySelector('input')!;
    let state = 'old';
    input.addEventListener('input', () => (state = input.value));
    const render = () => (input.value = state);
    fillField(input, 'new', 'field');
    render();
    expect(input.value).toBe('new');
    // Without the input event the framework would put its state back:
    input.value = 'lost';
    render();
    expect(input.value).toBe('new');
  });

  it('refuses disabled and read-only fields', () => {
    const root = mount(`<input disabled><input readonly>`);
    const [disabled, readOnly] = Array.from(root.querySelectorAll('input'));
    expect(() => fillField(disabled!, 'x', 'Account SID field')).toThrowError(/not-editable: Account SID field/);
    expect(() => fillField(readOnly!, 'x', 'Account SID field')).toThrowError(/not-editable/);
  });

  it('a click is one click event after the pointer and mouse down/up', () => {
    const root = mount(`<button>x</button>`);
    const button = root.querySelector('button')!;
    const events: string[] = [];
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'mouseenter']) button.addEventListener(type, () => events.push(type));
    clickElement(button);
    expect(events).toEqual(['mouseenter', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']);
  });
});

describe('waits', () => {
  it('waitFor resolves on a mutation and fails with a timeout naming what it waited for', async () => {
    const root = mount('');
    setTimeout(() => root.append(Object.assign(document.createElement('p'), { id: 'late' })), 20);
    await expect(waitFor(() => document.getElementById('late'), { timeoutMs: 1000, what: 'late paragraph' })).resolves.toBeTruthy();
    await expect(waitFor(() => document.getElementById('never'), { timeoutMs: 50, what: 'never' })).rejects.toThrowError(
      expect.objectContaining({ code: 'timeout', what: 'never' }),
    );
  });

  it('waitFor stops when aborted', async () => {
    const controller = new AbortController();
    const waiting = waitFor(() => false, { timeoutMs: 5000, what: 'x', signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toThrowError(expect.objectContaining({ code: 'aborted' }));
  });

  it('waitForQuiet waits until the signature stopped changing', async () => {
    let value = 0;
    const timer = setInterval(() => value++, 10);
    setTimeout(() => clearInterval(timer), 120);
    const started = Date.now();
    await waitForQuiet(() => String(value), { quietMs: 80, timeoutMs: 2000, what: 'counter' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(value).toBeGreaterThan(5);
  });
});
