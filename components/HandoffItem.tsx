import { useEffect, useRef, useState } from 'preact/hooks';
import { loadToken } from '../utils/handoff/store';
import type { Handoff, Location } from '../utils/handoff/types';
import { shortSid } from '../utils/twilio/credentials';
import { ChooseLocation } from './ChooseLocation';
import { CopyButton } from './CopyButton';
import { availableActions, tokenKept } from './handoff-actions';
import { sendCommand } from './send';
import { StateBadge } from './StateBadge';
import { STATE_HINT, storedReasonText, text } from './text';
import type { HANDOFF_ACTIONS } from '../utils/messages';

type Command = (typeof HANDOFF_ACTIONS)[number];

const COMMAND_TEXT: Record<Exclude<Command, 'choose-location'>, string> = {
  'open-dialog': text.openDialog,
  'authorize-now': text.authorizeNow,
  retry: text.retry,
  'confirm-replace': text.confirmReplace,
  'override-master': text.override,
  discard: text.discard,
};

/** The commands in the order their buttons appear; the first available one is the primary. */
const BUTTON_ORDER = ['authorize-now', 'confirm-replace', 'retry', 'open-dialog', 'override-master'] as const;

const SHOW_REASON: readonly Handoff['state'][] = ['rejected', 'failed', 'needs-check', 'needs-choice'];

export function HandoffItem({ handoff, now }: { handoff: Handoff; now: number }) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [choosing, setChoosing] = useState(false);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const wasChoosing = useRef(false);
  // Leaving the choice puts focus back on the button that opened it.
  useEffect(() => {
    if (wasChoosing.current && !choosing) chooseButton.current?.focus();
    wasChoosing.current = choosing;
  }, [choosing]);
  const name = handoff.friendlyName || text.unnamedAccount;
  const actions = availableActions(handoff, now);
  const titleId = `handoff-${handoff.id}-title`;
  const warningId = `handoff-${handoff.id}-warning`;

  const run = async (action: Command, location?: Location) => {
    // aria-disabled rather than disabled while busy: a disabled button drops keyboard focus.
    if (busy) return;
    setBusy(true);
    setNotice('');
    const outcome = await sendCommand({ type: 'handoff-command', handoffId: handoff.id, action, location });
    setBusy(false);
    if (!outcome.ok) setNotice(outcome.message);
    else if (action === 'choose-location') setChoosing(false);
  };

  const buttons = BUTTON_ORDER.filter((action) => actions.includes(action));
  const hint = STATE_HINT[handoff.state];
  const reason = SHOW_REASON.includes(handoff.state) ? storedReasonText(handoff) : undefined;

  return (
    <article class={`handoff handoff--${handoff.state}`} aria-labelledby={titleId}>
      <header class="handoff__head">
        <h3 class="handoff__name" id={titleId}>
          {name}
        </h3>
        <StateBadge state={handoff.state} />
      </header>
      <dl class="facts">
        <dt>{text.sidLabel}</dt>
        <dd>
          <code title={handoff.sid}>{shortSid(handoff.sid)}</code>
        </dd>
        <dt>{text.locationLabel}</dt>
        <dd>
          {handoff.location ? handoff.location.name : text.noLocationYet}
          {handoff.previousSid && handoff.previousSid !== handoff.sid && (
            <span class="muted"> · {text.replacesSid(shortSid(handoff.previousSid))}</span>
          )}
        </dd>
        {reason && (
          <>
            <dt>{text.reasonLabel}</dt>
            <dd class="handoff__reason">{reason}</dd>
          </>
        )}
      </dl>
      <p class="muted handoff__expiry">
        {tokenKept(handoff, now) ? text.expiresAt(handoff.expiresAt) : text.tokenGone}
      </p>
      {hint && <p class="hint">{hint}</p>}
      {actions.includes('override-master') && (
        <p class="warning" id={warningId}>
          {text.masterWarning}
        </p>
      )}
      {choosing ? (
        <ChooseLocation
          handoff={handoff}
          busy={busy}
          onChoose={(location) => void run('choose-location', location)}
          onCancel={() => setChoosing(false)}
        />
      ) : (
        <div class="actions">
          {actions.includes('choose-location') && (
            <button
              type="button"
              ref={chooseButton}
              class="button button--primary"
              aria-label={text.actionLabel(text.chooseLocation, name)}
              aria-disabled={busy}
              onClick={() => !busy && setChoosing(true)}
            >
              {text.chooseLocation}
            </button>
          )}
          {buttons.map((action, position) => (
            <button
              key={action}
              type="button"
              class={
                action === 'override-master'
                  ? 'button button--danger'
                  : position === 0 && !actions.includes('choose-location')
                    ? 'button button--primary'
                    : 'button'
              }
              aria-label={text.actionLabel(COMMAND_TEXT[action], name)}
              aria-describedby={action === 'override-master' ? warningId : undefined}
              aria-disabled={busy}
              onClick={() => void run(action)}
            >
              {COMMAND_TEXT[action]}
            </button>
          ))}
          <CopyButton
            label={text.copySid}
            accessibleLabel={text.actionLabel(text.copySid, name)}
            read={async () => handoff.sid}
            unavailable={text.copyFailed}
          />
          {actions.includes('copy-token') && (
            <CopyButton
              label={text.copyToken}
              accessibleLabel={text.actionLabel(text.copyToken, name)}
              read={() => loadToken(handoff.id)}
              unavailable={text.tokenUnavailable}
              secret
            />
          )}
          {actions.includes('discard') && (
            <button
              type="button"
              class="button button--quiet"
              aria-label={text.actionLabel(text.discard, name)}
              aria-disabled={busy}
              onClick={() => void run('discard')}
            >
              {text.discard}
            </button>
          )}
        </div>
      )}
      <p class="notice" role="status">
        {busy ? text.working : notice}
      </p>
    </article>
  );
}
