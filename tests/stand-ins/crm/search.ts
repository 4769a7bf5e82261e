/**
 * The sub-account search rule, shared by the backend (`?search=`) and the app's client-search layout
 * so the two cannot answer differently. Pure: no DOM, no node APIs.
 */

/** Like a case- and accent-insensitive database collation: "cafe creme" finds "Café Crème". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

export interface Searchable {
  id: string;
  name: string;
  sid: string | null;
}

/** Name contains (folded), exact location id, or part of the SID (case-insensitive). */
export function matchesSearch(item: Searchable, search: string): boolean {
  const q = foldForSearch(search);
  if (!q) return true;
  return foldForSearch(item.name).includes(q) || item.id === search.trim() || (item.sid !== null && item.sid.toLowerCase().includes(q));
}
