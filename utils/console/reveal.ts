import { isDomError } from '../dom/errors';
import { waitFor } from '../dom/wait-for';
import {
  type PanelDetection,
  detectCredentialsPanel,
  findCopyControl,
  findHideControl,
  findShowControl,
  readTokenField,
} from './detect';
import { DISABLED } from './profile';

/**
 * Reads the Auth Token the way an admin would: when the page masks it, click the page's own Show /
 * eye control next to it and wait (bounded) for a 32-hex value to appear (DESIGN.md §1 step 2).
 */

export type RevealProblem =
  | 'no-show-control'
  /** No Show control, only the page's Copy button next to the token, which the extension never presses. */
  | 'copy-only'
  | 'show-disabled'
  | 'not-shown'
  | 'panel-changed'
  | 'aborted';

export class TokenRevealError extends Error {
  override readonly name = 'TokenRevealError';
  constructor(readonly code: RevealProblem) {
    super(`token-reveal: ${code}`);
  }
}

export interface RevealedToken {
  /** As the page shows it; utils/twilio/credentials.ts checks the format. */
  raw: string;
  /** Masks the token again when we revealed it; does nothing when the page showed it already. */
  rehide(): void;
}

export interface RevealOptions {
  /** The bound on waiting for the token after clicking Show. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The panel as it is now: React may have rendered the labels again since `detection` was made.
 * Null while the page shows no panel; a panel of another account is an error (fail closed).
 */
function current(detection: PanelDetection): PanelDetection | null {
  if (detection.tokenLabel.isConnected && detection.sidLabel.isConnected) return detection;
  const again = detectCredentialsPanel(detection.tokenLabel.ownerDocument);
  if (again && again.sid !== detection.sid) throw new TokenRevealError('panel-changed');
  return again;
}

function isDisabled(el: HTMLElement): boolean {
  return el.matches(DISABLED);
}

/** A Show toggle that keeps its name and reports its state instead (aria-pressed, a switch, a box). */
function isToggledOn(el: HTMLElement): boolean {
  if (el instanceof HTMLInputElement && el.type === 'checkbox') return el.checked;
  return el.getAttribute('aria-pressed') === 'true' || el.getAttribute('aria-checked') === 'true';
}

function rehideFor(detection: PanelDetection): void {
  const now = current(detection);
  if (!now) return;
  const hide = findHideControl(now);
  if (hide) return hide.click();
  const toggle = findShowControl(now);
  if (toggle && isToggledOn(toggle)) toggle.click();
}

export async function revealToken(detection: PanelDetection, options: RevealOptions = {}): Promise<RevealedToken> {
  const { timeoutMs = 4000, signal } = options;
  const first = readTokenField(detection);
  if (first.kind === 'readable') return { raw: first.raw, rehide: () => {} };
  if (!first.show) throw new TokenRevealError(findCopyControl(detection) ? 'copy-only' : 'no-show-control');
  // A role that may not view the token gets a disabled Show: clicking it would only wait in vain.
  if (isDisabled(first.show)) throw new TokenRevealError('show-disabled');

  // A click event, as the admin's click would send; React and Paste react to it alike.
  first.show.click();
  try {
    const raw = await waitFor(
      () => {
        const now = current(detection);
        if (!now) return null;
        const field = readTokenField(now);
        return field.kind === 'readable' ? field.raw : null;
      },
      // i18n-ignore: what a wait looked for, for an error's technical detail.
      { timeoutMs, what: 'Auth Token', signal },
    );
    return {
      raw,
      rehide: () => {
        try {
          rehideFor(detection);
        } catch {
          // Re-hiding is a courtesy: a page that changed under us keeps the token shown.
        }
      },
    };
  } catch (error) {
    if (error instanceof TokenRevealError) throw error;
    if (isDomError(error) && error.code === 'aborted') throw new TokenRevealError('aborted');
    if (isDomError(error) && error.code === 'timeout') throw new TokenRevealError('not-shown');
    throw error;
  }
}
