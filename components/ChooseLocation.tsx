import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Handoff, Location } from '../utils/handoff/types';
import { useLocations } from './hooks';
import { LocationPicker } from './LocationPicker';
import { text } from './text';

interface Props {
  handoff: Handoff;
  busy: boolean;
  onChoose: (location: Location) => void;
  onCancel: () => void;
}

/**
 * For a handoff that needs the admin's choice: the CRM's locations with the handoff's ranked
 * candidates first. Picking one asks again before anything is sent, since sending may write.
 */
export function ChooseLocation({ handoff, busy, onChoose, onCancel }: Props) {
  const cached = useLocations(handoff.crmHost);
  const [picked, setPicked] = useState<Location | undefined>(undefined);
  const send = useRef<HTMLButtonElement>(null);
  // Keyboard users land on the question they must answer next.
  useEffect(() => {
    if (picked) send.current?.focus();
  }, [picked]);
  const candidates = useMemo(
    () => (handoff.candidates ?? []).map((candidate) => candidate.location),
    [handoff.candidates],
  );

  if (picked) {
    return (
      <div class="confirm" role="group" aria-label={text.sendToLocation(picked.name)}>
        <p>{text.sendToLocation(picked.name)}</p>
        {picked.details?.length ? <p class="hint">{picked.details.join(' · ')}</p> : null}
        <div class="actions">
          <button
            type="button"
            ref={send}
            class="button button--primary"
            aria-disabled={busy}
            onClick={() => !busy && onChoose(picked)}
          >
            {text.sendToLocationButton}
          </button>
          <button type="button" class="button" aria-disabled={busy} onClick={() => !busy && setPicked(undefined)}>
            {text.cancel}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="choose">
      <LocationPicker
        id={`choose-${handoff.id}`}
        locations={cached?.locations ?? []}
        suggested={candidates}
        pickLabel={text.pickLocationLabel}
        onPick={setPicked}
        disabled={busy}
        autoFocus
      />
      <button type="button" class="button button--quiet" onClick={onCancel}>
        {text.cancel}
      </button>
    </div>
  );
}
