import { reasonText } from '../../components/reason-text';
import { credentialProblemText, parseAccountSid, parseAuthToken } from '../twilio/credentials';
import { createTwilioClient, type TwilioClientOptions } from '../twilio/client';
import { TwilioApiError, twilioReason } from '../twilio/errors';
import { t } from '../i18n';

export type MasterCheck = { ok: true; sid: string; token: string; friendlyName: string } | { ok: false; message: string };

/**
 * Checks a pair the admin typed as the agency's master account, with Twilio: it must be an active
 * account that owns itself (a sub-account's pair cannot list, create or read other sub-accounts).
 */
export async function verifyMaster(rawSid: string, rawToken: string, options: Pick<TwilioClientOptions, 'baseUrl' | 'fetch'> = {}): Promise<MasterCheck> {
  const sid = parseAccountSid(rawSid);
  if (!sid.ok) return { ok: false, message: credentialProblemText(sid.problem) };
  const token = parseAuthToken(rawToken);
  if (!token.ok) return { ok: false, message: credentialProblemText(token.problem) };
  try {
    const account = await createTwilioClient({ sid: sid.value, token: token.value, ...options }).fetchAccount();
    if (account.status !== 'active') return { ok: false, message: reasonText(`account-${account.status}`, {}) };
    if (account.isSubaccount) {
      return { ok: false, message: t('masterIsSubaccount') };
    }
    return { ok: true, sid: sid.value, token: token.value, friendlyName: account.friendlyName ?? '' };
  } catch (error) {
    if (!(error instanceof TwilioApiError)) throw error;
    const reason = twilioReason(error);
    return { ok: false, message: reasonText(reason.code, reason.params) };
  }
}
