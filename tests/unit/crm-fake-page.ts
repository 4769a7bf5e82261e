/**
 * A small, framework-free imitation of the Phone Integration page for happy-dom unit tests of the
 * driver: state, a render function that rewrites inputs from state (so a value set without an
 * `input` event is lost, as with Vue's v-model), a debounced search with a loader, a body-level ⋮
 * menu, a modal at the end of <body>, toasts. Two layouts: the current naive-ui-like one and the
 * older Bootstrap one (pencil, "Save", "Twilio Account SID"). The real-framework check is the
 * Chromium test against the Vue + naive-ui stand-in; this one reaches the variants it lacks.
 */

export interface FakeLocation {
  id: string;
  name: string;
  sid: string | null;
  provider: 'Twilio' | '✓ LC Phone' | 'Not available';
  /** Menu entries; by default Update Credentials for Twilio rows, SMS Compliance for LC Phone. */
  menu?: string[];
}

export type FakeAnswer =
  | { kind: 'success'; message: string }
  | { kind: 'dialog-error'; message: string }
  | { kind: 'toast-error'; message: string }
  | { kind: 'silent' }
  /** The dialog closes with no message at all; the row shows the new SID only if `writes`. */
  | { kind: 'closes-silently'; writes: boolean };

export interface FakeOptions {
  locations: FakeLocation[];
  layout?: 'current' | 'legacy';
  pageSize?: number;
  /** The dialog's title for a location; the default shows no name. */
  title?: (location: FakeLocation) => string;
  /** Show the location id under the name. */
  showIds?: boolean;
  answer?: FakeAnswer;
  /** The SID field ignores what is typed (a binding that keeps its own value). */
  sidRevertsToState?: boolean;
  /** The menu entry does nothing. */
  dialogNeverOpens?: boolean;
  /** Start on the Agency Settings tab. */
  startOnAgencyTab?: boolean;
  delayMs?: number;
  /** What the SID cell of a location without one shows (default: nothing). */
  emptySidMarker?: string;
  /**
   * A rows-per-page control beside the pagination: 'naive' (naive-ui's select, "10 / page", its menu
   * at the end of <body>), 'select' (a native <select> labelled "Rows per page"), 'ignored' (a naive
   * one whose choice changes nothing), 'jumps' (a naive one that shows the last page after a change),
   * 'jumper' (no size control, but a native "Go to page" select showing the page number).
   */
  sizePicker?: 'naive' | 'select' | 'ignored' | 'jumps' | 'jumper';
  /** The sizes the control offers; default: the page size, and 2, 5 and 10 times it. */
  pageSizes?: number[];
  /** The CRM's own words where a new release may change them (issue 6: admin-added wording). */
  wording?: { sidLabel?: string; tokenLabel?: string; searchPlaceholder?: string };
}

export interface Submission {
  locationId: string;
  sid: string;
  token: string;
}

export interface FakeCrm {
  submissions: Submission[];
  searches: string[];
  /** Menu entries pressed other than the credentials entry (none may ever be). */
  pressed: string[];
  /** Page sizes chosen, in order; and pages jumped to with the "Go to page" select. */
  sizes: number[];
  jumps: number[];
  /** Removes the page and its document-level listeners. */
  close(): void;
}

const esc = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function mountFakeCrm(options: FakeOptions): FakeCrm {
  const layout = options.layout ?? 'current';
  const firstSize = options.pageSize ?? 10;
  const pageSizes = options.pageSizes ?? [firstSize, 2 * firstSize, 5 * firstSize, 10 * firstSize];
  const delayMs = options.delayMs ?? 20;
  const legacy = layout === 'legacy';
  const words = {
    sidLabel: options.wording?.sidLabel ?? (legacy ? 'Twilio Account SID' : 'Account SID'),
    tokenLabel: options.wording?.tokenLabel ?? (legacy ? 'Twilio Auth Token' : 'Auth Token'),
    searchPlaceholder: options.wording?.searchPlaceholder ?? 'Search sub-accounts by name',
  };
  const listeners = new AbortController();
  const { signal } = listeners;
  const record: FakeCrm = {
    submissions: [],
    searches: [],
    pressed: [],
    sizes: [],
    jumps: [],
    close: () => {
      listeners.abort();
      document.body.innerHTML = '';
    },
  };
  const state = {
    tab: options.startOnAgencyTab ? 'agency' : 'sub',
    query: '',
    applied: '',
    page: 0,
    pageSize: firstSize,
    loading: false,
    dialog: undefined as undefined | { location: FakeLocation; sid: string; token: string; error: string },
  };
  let debounce: ReturnType<typeof setTimeout> | undefined;

  document.body.innerHTML = '<div id="app"></div>';
  const app = document.getElementById('app')!;

  // A copy: a successful write changes the page's data, never the test's.
  const locations = options.locations.map((location) => ({ ...location }));
  const results = () => locations.filter((l) => l.name.toLowerCase().includes(state.applied.toLowerCase()));

  function rowHtml(location: FakeLocation, index: number): string {
    const idLine = options.showIds === false ? '' : `<div class="text-xs">${esc(location.id)}</div>`;
    const action =
      layout === 'legacy'
        ? `<button class="btn btn-link" data-index="${index}"><i class="fa fa-pencil"></i></button>`
        : `<button class="hr-button hr-button--tertiary-type" type="button" data-index="${index}"><span class="hr-button__icon"><svg viewBox="0 0 24 24"><circle cx="12" cy="5" r="2"/></svg></span></button>`;
    return `<tr class="${layout === 'legacy' ? '' : 'hr-data-table-tr'}">
      <td><div>${esc(location.name)}</div>${idLine}</td>
      <td>${location.sid ?? options.emptySidMarker ?? ''}</td>
      ${layout === 'legacy' ? '' : `<td>${esc(location.provider)}</td>`}
      <td>${action}</td></tr>`;
  }

  function render(): void {
    const { pageSize } = state;
    const all = results();
    const pages = Math.max(1, Math.ceil(all.length / pageSize));
    const shown = all.slice(state.page * pageSize, (state.page + 1) * pageSize);
    const rows = shown.map((location, i) => rowHtml(location, state.page * pageSize + i)).join('');
    const headers =
      layout === 'legacy'
        ? '<th>Location</th><th>Twilio Account SID</th><th></th>'
        : '<th class="hr-data-table-th">Sub-Account</th><th class="hr-data-table-th">Account SID</th><th class="hr-data-table-th">Managed By</th><th class="hr-data-table-th"></th>';
    const last = state.page >= pages - 1;
    const pagination =
      layout === 'legacy'
        ? `<ul class="pagination"><li class="page-item ${state.page === 0 ? 'disabled' : ''}"><a class="page-link" aria-label="Previous" data-go="-1">‹</a></li>
             <li class="page-item ${last ? 'disabled' : ''}"><a class="page-link" aria-label="Next" data-go="1">›</a></li></ul>`
        : `<div class="hr-pagination"><div class="hr-pagination-item hr-pagination-item--button ${state.page === 0 ? 'hr-pagination-item--disabled' : ''}" data-go="-1"><svg></svg></div>
             <div class="hr-pagination-item hr-pagination-item--active">${state.page + 1}</div>
             <div class="hr-pagination-item hr-pagination-item--button ${last ? 'hr-pagination-item--disabled' : ''}" data-go="1"><svg></svg></div></div>`;
    const picker = options.sizePicker;
    const sizeControl =
      picker === 'select'
        ? `<label class="rows-per-page">Rows per page <select data-size>${pageSizes.map((n) => `<option value="${n}" ${n === pageSize ? 'selected' : ''}>${n}</option>`).join('')}</select></label>`
        : picker === 'jumper'
          ? `<label>Go to page <select data-jump>${Array.from({ length: pages }, (_, i) => `<option value="${i}" ${i === state.page ? 'selected' : ''}>${i + 1}</option>`).join('')}</select></label>`
          : picker
            ? `<div class="hr-select"><div class="hr-base-selection" data-size-trigger><div class="hr-base-selection-label">${pageSize} / page</div></div></div>`
            : '';
    // naive-ui draws its size picker inside the pagination bar, and the bar inside the table's container.
    const inPagination = layout !== 'legacy' && picker !== undefined && picker !== 'select' && picker !== 'jumper';
    const paginationBar = inPagination ? pagination.replace(/<\/div>$/, `${sizeControl}</div>`) : pagination + sizeControl;
    const tabs =
      layout === 'legacy'
        ? ''
        : `<div class="hr-tabs"><div class="hr-tabs-tab ${state.tab === 'agency' ? 'hr-tabs-tab--active' : ''}" data-tab="agency"><span class="hr-tabs-tab__label">Agency Settings</span></div>
             <div class="hr-tabs-tab ${state.tab === 'sub' ? 'hr-tabs-tab--active' : ''}" data-tab="sub"><span class="hr-tabs-tab__label">Sub Account Settings</span></div></div>`;
    const body =
      state.tab !== 'sub'
        ? '<p>Agency Twilio account</p>'
        : `<input class="hr-input__input-el" type="text" placeholder="${esc(words.searchPlaceholder)}">
           <div class="${layout === 'legacy' ? '' : 'hr-data-table'}"><table class="table"><thead><tr>${headers}</tr></thead><tbody>${rows}</tbody></table>
           ${state.loading ? '<div class="hr-data-table-loading-wrapper"><div class="hr-base-loading"></div></div>' : ''}
           ${layout === 'legacy' ? '' : paginationBar}</div>
           ${layout === 'legacy' ? paginationBar : ''}`;
    const focused = document.activeElement;
    const hadFocus = focused instanceof HTMLInputElement && app.contains(focused);
    app.innerHTML = tabs + body;
    const search = app.querySelector('input');
    if (search) {
      search.value = state.query;
      if (hadFocus) search.focus();
    }
    renderDialog();
  }

  function renderDialog(): void {
    const existing = document.getElementById('fake-dialog');
    if (!state.dialog) {
      existing?.remove();
      return;
    }
    const { location } = state.dialog;
    const title = options.title?.(location) ?? (layout === 'legacy' ? 'Twilio Credentials' : 'Update Credentials');
    if (!existing) {
      const holder = document.createElement('div');
      holder.id = 'fake-dialog';
      holder.innerHTML =
        layout === 'legacy'
          ? `<div class="modal fade show" role="dialog" style="display:block"><div class="modal-dialog"><div class="modal-content">
               <div class="modal-header"><h5 class="modal-title">${esc(title)}</h5><button class="close" aria-label="Close">×</button></div>
               <div class="modal-body"><div class="alert-slot"></div>
                 <div class="form-group"><label for="sid">${esc(words.sidLabel)}</label><input id="sid" class="form-control"></div>
                 <div class="form-group"><label for="token">${esc(words.tokenLabel)}</label><input id="token" class="form-control" type="password"></div></div>
               <div class="modal-footer"><button class="btn btn-secondary" data-cancel>Cancel</button><button class="btn btn-primary" data-submit>Save</button></div></div></div></div>`
          : `<div class="hr-modal-container"><div class="hr-modal-mask"></div><div class="hr-card hr-modal" role="dialog" aria-modal="true">
               <div class="hr-card-header"><div class="hr-card-header__main">${esc(title)}</div></div>
               <div class="hr-card__content">
                 <div class="hr-form-item"><label class="hr-form-item-label">${esc(words.sidLabel)}</label><div class="hr-form-item-blank"><input class="hr-input__input-el" type="text"></div></div>
                 <div class="hr-form-item"><label class="hr-form-item-label">${esc(words.tokenLabel)}</label><div class="hr-form-item-blank"><input class="hr-input__input-el" type="password"></div><div class="error-slot"></div></div>
               </div>
               <div class="hr-card__footer"><button class="hr-button" data-cancel>Cancel</button><button class="hr-button hr-button--primary-type" data-submit>Authorize</button></div></div></div>`;
      document.body.append(holder);
    }
    const dialog = document.getElementById('fake-dialog')!;
    const [sid, token] = Array.from(dialog.querySelectorAll('input'));
    sid!.value = state.dialog.sid;
    token!.value = state.dialog.token;
    const submit = dialog.querySelector<HTMLButtonElement>('[data-submit]')!;
    const ready = state.dialog.sid !== '' && state.dialog.token !== '';
    submit.disabled = !ready;
    submit.classList.toggle('hr-button--disabled', !ready);
    const slot = dialog.querySelector('.error-slot, .alert-slot')!;
    slot.innerHTML = state.dialog.error
      ? layout === 'legacy'
        ? `<div class="alert alert-danger">${esc(state.dialog.error)}</div>`
        : `<div class="hr-form-item-feedback hr-form-item-feedback--error">${esc(state.dialog.error)}</div>`
      : '';
  }

  function toast(kind: 'success' | 'error', message: string): void {
    const element = document.createElement('div');
    element.className = layout === 'legacy' ? `toast toast-${kind}` : `hr-message hr-message--${kind}-type`;
    element.innerHTML = `<div class="hr-message__content">${esc(message)}</div>`;
    document.body.append(element);
  }

  function openMenu(location: FakeLocation): void {
    document.querySelector('.hr-dropdown-menu')?.remove();
    const entries = location.menu ?? (location.provider === '✓ LC Phone' ? ['SMS Compliance', 'Delete Connection'] : ['Update Credentials']);
    const menu = document.createElement('div');
    menu.className = 'hr-dropdown-menu';
    menu.innerHTML = entries
      .map((entry) => `<div class="hr-dropdown-option"><div class="hr-dropdown-option-body"><div class="hr-dropdown-option-body__label">${esc(entry)}</div></div></div>`)
      .join('');
    for (const body of Array.from(menu.querySelectorAll('.hr-dropdown-option-body'))) {
      body.addEventListener('click', () => {
        menu.remove();
        if (body.textContent !== 'Update Credentials') record.pressed.push(body.textContent ?? '');
        else if (!options.dialogNeverOpens) openDialog(location);
      });
    }
    document.body.append(menu);
  }

  /** A new page size (or page) lands after a load, as a fetch would. */
  function reload(change: () => void): void {
    state.loading = true;
    render();
    setTimeout(() => {
      change();
      state.loading = false;
      render();
    }, delayMs);
  }

  function choosePageSize(size: number): void {
    record.sizes.push(size);
    if (options.sizePicker === 'ignored') return;
    reload(() => {
      state.pageSize = size;
      state.page = options.sizePicker === 'jumps' ? Math.max(0, Math.ceil(results().length / size) - 1) : 0;
    });
  }

  function openSizeMenu(): void {
    document.querySelector('.hr-base-select-menu')?.remove();
    const menu = document.createElement('div');
    menu.className = 'hr-base-select-menu';
    menu.innerHTML = pageSizes
      .map((n) => `<div class="hr-base-select-option" data-option="${n}"><div class="hr-base-select-option__content">${n} / page</div></div>`)
      .join('');
    menu.addEventListener('click', (event) => {
      const option = (event.target as Element).closest('[data-option]');
      if (!option) return;
      menu.remove();
      choosePageSize(Number(option.getAttribute('data-option')));
    });
    document.body.append(menu);
  }

  app.addEventListener('change', (event) => {
    const select = event.target as HTMLSelectElement;
    if (select.matches('[data-size]')) choosePageSize(Number(select.value));
    if (select.matches('[data-jump]')) {
      record.jumps.push(Number(select.value));
      reload(() => (state.page = Number(select.value)));
    }
  });

  function openDialog(location: FakeLocation): void {
    state.dialog = { location, sid: location.sid ?? '', token: '', error: '' };
    render();
  }

  // A body-level menu closes on a press outside it, as naive-ui's click-outside does.
  document.addEventListener(
    'mousedown',
    (event) => {
      const menu = document.querySelector('.hr-dropdown-menu');
      if (menu && !menu.contains(event.target as Node) && !(event.target as Element).closest('[data-index]')) menu.remove();
      const sizes = document.querySelector('.hr-base-select-menu');
      if (sizes && !sizes.contains(event.target as Node) && !(event.target as Element).closest('[data-size-trigger]')) sizes.remove();
    },
    { signal },
  );

  app.addEventListener('click', (event) => {
    const target = event.target as Element;
    const tab = target.closest('[data-tab]');
    if (tab) {
      state.tab = tab.getAttribute('data-tab')!;
      render();
      return;
    }
    if (target.closest('[data-size-trigger]')) {
      openSizeMenu();
      return;
    }
    const go = target.closest('[data-go]');
    if (go && !go.matches('.hr-pagination-item--disabled') && !go.parentElement?.matches('.disabled')) {
      state.loading = true;
      render();
      setTimeout(() => {
        state.page += Number(go.getAttribute('data-go'));
        state.loading = false;
        render();
      }, delayMs);
      return;
    }
    const action = target.closest('[data-index]');
    if (action) {
      const location = results()[Number(action.getAttribute('data-index'))]!;
      if (layout === 'legacy') openDialog(location);
      else openMenu(location);
    }
  });

  app.addEventListener('input', (event) => {
    const input = event.target as HTMLInputElement;
    if (!input.matches('input')) return;
    state.query = input.value;
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      record.searches.push(state.query);
      state.loading = true;
      render();
      setTimeout(() => {
        state.applied = state.query;
        state.page = 0;
        state.loading = false;
        render();
      }, delayMs);
    }, delayMs);
  });

  document.body.addEventListener('input', (event) => {
    const dialog = document.getElementById('fake-dialog');
    if (!dialog || !state.dialog || !dialog.contains(event.target as Node)) return;
    const [sid] = Array.from(dialog.querySelectorAll('input'));
    const input = event.target as HTMLInputElement;
    if (input === sid) {
      if (!options.sidRevertsToState) state.dialog.sid = input.value;
    } else state.dialog.token = input.value;
    state.dialog.error = '';
    requestAnimationFrame(renderDialog);
  }, { signal });

  document.body.addEventListener('click', (event) => {
    const dialog = document.getElementById('fake-dialog');
    const target = event.target as Element;
    if (!dialog || !state.dialog || !dialog.contains(target)) return;
    if (target.closest('[data-cancel], .close')) {
      state.dialog = undefined;
      renderDialog();
      return;
    }
    const submit = target.closest<HTMLButtonElement>('[data-submit]');
    if (!submit || submit.disabled) return;
    const current = state.dialog;
    record.submissions.push({ locationId: current.location.id, sid: current.sid, token: current.token });
    const answer = options.answer ?? { kind: 'success', message: 'Credentials updated successfully' };
    setTimeout(() => {
      if (answer.kind === 'success') {
        current.location.sid = current.sid;
        state.dialog = undefined;
        render();
        toast('success', answer.message);
      } else if (answer.kind === 'dialog-error') {
        current.error = answer.message;
        renderDialog();
      } else if (answer.kind === 'toast-error') {
        toast('error', answer.message);
      } else if (answer.kind === 'closes-silently') {
        if (answer.writes) current.location.sid = current.sid;
        state.dialog = undefined;
        render();
      }
    }, delayMs);
  }, { signal });

  render();
  return record;
}
