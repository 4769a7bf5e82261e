import { useMemo, useState } from 'preact/hooks';
import type { Handoff, Location } from '../utils/handoff/types';
import type { CachedLocations } from '../utils/locations-cache';
import { EmptyState } from './EmptyState';
import { LocationPicker } from './LocationPicker';
import { locationsForAccount } from './location-search';
import { sendCommand } from './send';
import { text } from './text';

interface Props {
  cached: CachedLocations;
  /** The handoff that came from the Twilio page in the active tab, if any. */
  pageHandoff?: Handoff;
}

/** Opens any location's Update Credentials dialog; the active Twilio page's location first. */
export function LocationsSection({ cached, pageHandoff }: Props) {
  const [notice, setNotice] = useState('');
  const suggested = useMemo(
    () => (pageHandoff ? locationsForAccount(pageHandoff, cached.locations) : []),
    [pageHandoff, cached.locations],
  );

  const open = async (location: Location) => {
    setNotice(text.working);
    const outcome = await sendCommand({ type: 'open-location', location });
    setNotice(outcome.ok ? '' : outcome.message);
  };

  const accountName = pageHandoff ? pageHandoff.friendlyName || text.unnamedAccount : '';
  return (
    <>
      {pageHandoff && (
        <p class="hint">
          <strong>{text.thisTwilioPage}: </strong>
          {suggested.length > 0 ? text.thisTwilioPageLocation(accountName) : text.thisTwilioPageNoLocation(accountName)}
        </p>
      )}
      {cached.locations.length === 0 && suggested.length === 0 ? (
        <EmptyState>{text.noLocations}</EmptyState>
      ) : (
        <>
          <LocationPicker
            id="open-location"
            locations={cached.locations}
            suggested={suggested}
            pickLabel={text.openLocationLabel}
            onPick={(location) => void open(location)}
          />
          {cached.seenAt > 0 && <p class="hint">{text.locationsSeen(cached.seenAt)}</p>}
        </>
      )}
      <p class="notice" role="status">
        {notice}
      </p>
    </>
  );
}
