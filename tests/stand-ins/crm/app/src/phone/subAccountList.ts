import { onBeforeUnmount, reactive, ref } from 'vue';
import { API, MAX_LIST_LIMIT, type CrmLayout, type SubAccountPage, type SubAccountRow } from '../../../wire';
import { matchesSearch } from '../../../search';
import { api, ApiError } from '../api';

const SEARCH_DEBOUNCE_MS = 300;
/** Rows per page, and rows added by one "Load more". */
export const PAGE_SIZE = 10;

interface Slice {
  rows: SubAccountRow[];
  total: number;
}

/**
 * The rows the table shows, for `layout.search` × `layout.list`:
 * - server search: every search, page and refresh is a request (`?search=&page=&limit=`), the box
 *   waits 300 ms after the last key; client search: one request for every row (limit MAX_LIST_LIMIT),
 *   then the box filters the loaded rows at once, with the backend's own rule (search.ts);
 * - pages: one page of `pageSize` rows; load-more: the first `shown` rows, 10 more per press.
 * Must be called from a component's setup (it clears its debounce timer on unmount).
 */
export function useSubAccountList(layout: CrmLayout, onError: (text: string) => void) {
  const search = ref('');
  const managedBy = ref('');
  const rows = ref<SubAccountRow[]>([]);
  const loading = ref(false);
  const loadingMore = ref(false);
  /** Pages: the page shown and its size. Load-more: pageSize stays 10, `shown` counts the rows shown. */
  const view = reactive({ page: 1, pageSize: PAGE_SIZE, total: 0, shown: PAGE_SIZE });
  /** Client search: every sub-account, as the one download gave them (null until it arrives). */
  let everything: SubAccountRow[] | null = null;
  let sequence = 0;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  onBeforeUnmount(() => clearTimeout(debounce));

  const fetchSlice = async (page: number, limit: number): Promise<Slice> => {
    if (layout.search === 'client') {
      everything ??= (await api<SubAccountPage>(`${API.subAccounts}?${new URLSearchParams({ search: '', page: '1', limit: String(MAX_LIST_LIMIT) })}`)).subAccounts;
      const found = everything.filter((r) =>
        (!managedBy.value || r.managedBy === managedBy.value) && matchesSearch({ id: r.id, name: r.name, sid: r.accountSid }, search.value));
      return { rows: found.slice((page - 1) * limit, page * limit), total: found.length };
    }
    const query = new URLSearchParams({ search: search.value, page: String(page), limit: String(limit) });
    if (managedBy.value) query.set('managedBy', managedBy.value);
    const reply = await api<SubAccountPage>(`${API.subAccounts}?${query}`);
    return { rows: reply.subAccounts, total: reply.total };
  };

  /** Runs one fetch; an answer to an older query arriving late must not replace the newer one. */
  const run = async (busy: typeof loading, fetch: () => Promise<Slice>, apply: (slice: Slice) => void): Promise<void> => {
    const mine = ++sequence;
    // Only the newest fetch shows as busy: a superseded one never clears its flag itself.
    loading.value = false;
    loadingMore.value = false;
    busy.value = true;
    try {
      const slice = await fetch();
      if (mine !== sequence) return;
      apply(slice);
      view.total = slice.total;
    } catch (e) {
      if (mine !== sequence) return;
      if (!(e instanceof ApiError && e.status === 401)) onError(e instanceof Error ? e.message : String(e));
    } finally {
      if (mine === sequence) busy.value = false;
    }
  };

  /** The rows of the current view again (after a write, a confirm, a filter change). */
  const load = (): Promise<void> =>
    layout.list === 'pages'
      ? run(loading, () => fetchSlice(view.page, view.pageSize), (s) => (rows.value = s.rows))
      : run(loading, () => fetchSlice(1, view.shown), (s) => (rows.value = s.rows));

  /** Refresh and after changes: client search downloads everything again. */
  const reload = (): Promise<void> => {
    everything = null;
    return load();
  };

  const restart = (): Promise<void> => {
    view.page = 1;
    view.shown = PAGE_SIZE;
    return load();
  };

  const setSearch = (value: string): void => {
    search.value = value;
    clearTimeout(debounce);
    if (layout.search === 'client') {
      void restart();
      return;
    }
    debounce = setTimeout(() => void restart(), SEARCH_DEBOUNCE_MS);
  };

  const setManagedBy = (value: string): void => {
    managedBy.value = value;
    void restart();
  };

  const setPage = (page: number): void => {
    view.page = page;
    void load();
  };

  const setPageSize = (size: number): void => {
    view.pageSize = size;
    view.page = 1;
    void load();
  };

  const loadMore = (): void => {
    const next = Math.floor(rows.value.length / PAGE_SIZE) + 1;
    void run(loadingMore, () => fetchSlice(next, PAGE_SIZE), (s) => {
      rows.value = [...rows.value.slice(0, (next - 1) * PAGE_SIZE), ...s.rows];
      view.shown = next * PAGE_SIZE;
    });
  };

  return { search, managedBy, rows, loading, loadingMore, view, load, reload, setSearch, setManagedBy, setPage, setPageSize, loadMore };
}
