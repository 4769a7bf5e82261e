import { credentialProblemText, parseAccountSid, parseAuthToken } from '../twilio/credentials';
import { t } from '../i18n';
import { detectCredentialsPanel } from './detect';
import { type RevealOptions, type RevealProblem, TokenRevealError, revealToken } from './reveal';

/**
 * Reads the pair an overlay button acts on, at the moment of the click: the panel is looked up again
 * (the page may have changed since the overlay was drawn), the token revealed when masked, both
 * values checked. Fails closed with a reason an admin can act on.
 */

export type ReadProblem =
  /** The page no longer shows an account's credentials. */
  | 'panel-gone'
  /** It shows another account than the overlay does. */
  | 'account-changed'
  | 'sid-invalid'
  /** The token could not be read: the admin pastes it in the popup instead. */
  | 'token-unreadable'
  /** …and the page's own Copy button next to it is how the admin gets it there. */
  | 'token-copy-only';

export class CredentialsReadError extends Error {
  override readonly name = 'CredentialsReadError';
  constructor(
    readonly code: ReadProblem,
    /** A sentence for the admin. */
    readonly reason: string,
  ) {
    super(`credentials-read: ${code}`);
  }
}

export interface ConsoleCredentials {
  sid: string;
  token: string;
  /** The account name the page labels, if any. */
  accountName?: string;
}

const REVEAL_TEXT: Record<RevealProblem, string> = {
  'no-show-control': t('overlayRevealNoShowControl'),
  'copy-only': t('overlayRevealCopyOnly'),
  'show-disabled': t('overlayRevealShowDisabled'),
  'not-shown': t('overlayRevealNotShown'),
  'panel-changed': t('overlayRevealPanelChanged'),
  aborted: t('overlayRevealAborted'),
};

export async function readCredentials(
  doc: Document,
  expectedSid: string,
  options: RevealOptions = {},
): Promise<ConsoleCredentials> {
  const detection = detectCredentialsPanel(doc);
  if (!detection) {
    throw new CredentialsReadError(
      'panel-gone',
      'This page no longer shows an Account SID and Auth Token. Open the account’s page and try again.',
    );
  }
  if (detection.sid !== expectedSid) {
    throw new CredentialsReadError(
      'account-changed',
      'The page now shows another account than this box did. Check which account is open and try again.',
    );
  }
  const sid = parseAccountSid(detection.sid);
  if (!sid.ok) throw new CredentialsReadError('sid-invalid', credentialProblemText(sid.problem));

  let revealed;
  try {
    revealed = await revealToken(detection, options);
  } catch (error) {
    if (error instanceof TokenRevealError) {
      throw new CredentialsReadError(error.code === 'copy-only' ? 'token-copy-only' : 'token-unreadable', REVEAL_TEXT[error.code]);
    }
    throw error;
  }
  const token = parseAuthToken(revealed.raw);
  revealed.rehide();
  if (!token.ok) throw new CredentialsReadError('token-unreadable', credentialProblemText(token.problem));
  return { sid: sid.value, token: token.value, accountName: detection.accountName };
}
