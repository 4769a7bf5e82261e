import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Location } from '../utils/handoff/types';
import { shortSid } from '../utils/twilio/credentials';
import { NAME_KEY_PREFIX } from '../utils/crm/rows';
import { buildLocationIndex, searchLocations } from './location-search';
import { EmptyState } from './EmptyState';
import { text } from './text';

interface Props {
  /** Unique on the page: ties the label to the input. */
  id: string;
  locations: readonly Location[];
  /** Shown first, in this order, marked as suggested. */
  suggested?: readonly Location[];
  /** Accessible name of a result's button. */
  pickLabel: (name: string) => string;
  onPick: (location: Location) => void;
  disabled?: boolean;
  autoFocus?: boolean;
}

const LIMIT = 50;
const NONE: readonly Location[] = [];

/**
 * A search box over the CRM's locations and the matching results as buttons. Arrow keys move
 * from the box through the results; Tab works as everywhere else.
 */
export function LocationPicker({ id, locations, suggested = NONE, pickLabel, onPick, disabled, autoFocus }: Props) {
  const [query, setQuery] = useState('');
  const index = useMemo(() => buildLocationIndex(locations), [locations]);
  const { results, total } = useMemo(
    () => searchLocations(index, query, suggested, LIMIT),
    [index, query, suggested],
  );
  // Two locations with the same name (a needs-choice case) differ by what else their rows show (an
  // address), or else by their CRM id: show that for those.
  const sharedNames = useMemo(() => {
    const seen = new Set<string>();
    const shared = new Set<string>();
    for (const { location } of results) (seen.has(location.name) ? shared : seen).add(location.name);
    return shared;
  }, [results]);
  const list = useRef<HTMLUListElement>(null);
  const search = useRef<HTMLInputElement>(null);
  // The autofocus attribute is honoured only at page load; a picker opened later is focused here.
  useEffect(() => {
    if (autoFocus) search.current?.focus();
  }, [autoFocus]);

  const moveFocus = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    if (buttons.length === 0) return;
    event.preventDefault();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'ArrowDown' ? Math.min(at + 1, buttons.length - 1) : at - 1;
    if (next < 0) search.current?.focus();
    else buttons[next]?.focus();
  };

  return (
    <div class="picker" onKeyDown={moveFocus}>
      <label class="field-label" for={`${id}-search`}>
        {text.searchLocations}
      </label>
      <input
        id={`${id}-search`}
        ref={search}
        class="input"
        type="search"
        placeholder={text.searchPlaceholder}
        autocomplete="off"
        spellcheck={false}
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      {results.length === 0 ? (
        <EmptyState>{text.noLocationMatches}</EmptyState>
      ) : (
        <ul class="picker__results" ref={list} aria-label={text.locationResults}>
          {results.map(({ location, suggested: isSuggested }) => {
            const detailsId = `${id}-${location.id}-details`;
            const apart = sharedNames.has(location.name) ? distinguishing(location) : undefined;
            const hasDetails = isSuggested || Boolean(location.sid) || apart !== undefined;
            return (
              <li key={location.id} class="picker__item">
                {/* The button holds the name only, so its accessible name contains all its visible text. */}
                <button
                  type="button"
                  class="picker__result"
                  aria-label={pickLabel(location.name)}
                  aria-describedby={hasDetails ? detailsId : undefined}
                  disabled={disabled}
                  onClick={() => onPick(location)}
                >
                  {location.name}
                </button>
                {hasDetails && (
                  <span class="picker__details" id={detailsId}>
                    {isSuggested && <span class="tag">{text.suggested}</span>}
                    {location.sid && <code class="picker__sid">{shortSid(location.sid)}</code>}
                    {apart && <span class="picker__id">{apart}</span>}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {total > results.length && <p class="hint">{text.showingSome(results.length, total)}</p>}
    </div>
  );
}

/** What tells a location from another of the same name: its row's other columns, else its real id. */
function distinguishing(location: Location): string | undefined {
  if (location.details?.length) return location.details.join(' · ');
  return location.id.startsWith(NAME_KEY_PREFIX) ? undefined : text.locationId(location.id);
}
