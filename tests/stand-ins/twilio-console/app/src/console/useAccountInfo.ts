import { useCallback, useEffect, useState } from 'react';
import type { AccountResponse, ConsoleFlags } from '../../../wire.ts';
import { api, copyText } from '../shared/api.ts';

export type RevealPolicy = 'allowed' | 'disabled' | 'hidden';

export interface AccountInfoState {
  data: AccountResponse | null;
  /** The Auth Token, only once revealed: the page fetches it when "Show" is clicked. */
  token: string | null;
  revealing: boolean;
  error: string | null;
  reveal: RevealPolicy;
  copied: 'sid' | 'token' | null;
  show(): void;
  hide(): void;
  copySid(): void;
  copyToken(): void;
}

export function useAccountInfo(sid: string, flags: ConsoleFlags): AccountInfoState {
  const [data, setData] = useState<AccountResponse | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<'sid' | 'token' | null>(null);
  const reveal: RevealPolicy = flags.revealHidden ? 'hidden' : flags.revealDisabled ? 'disabled' : 'allowed';

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const account = await api.account(sid);
      const visible = flags.tokenVisible ? await api.authToken(sid) : null;
      if (cancelled) return;
      setData(account);
      setToken(visible);
    })().catch((reason: unknown) => {
      if (!cancelled) setError(reason instanceof Error ? reason.message : String(reason));
    });
    return () => {
      cancelled = true;
    };
  }, [sid, flags.tokenVisible]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const show = useCallback(() => {
    if (reveal !== 'allowed' || revealing) return;
    setRevealing(true);
    setError(null);
    api
      .authToken(sid)
      .then(setToken, () => setError('We couldn’t load the Auth Token. Please try again.'))
      .finally(() => setRevealing(false));
  }, [reveal, revealing, sid]);

  const copySid = useCallback(() => {
    void copyText(sid).then((ok) => ok && setCopied('sid'));
  }, [sid]);

  // Copying works while the token is masked: the console fetches it for the clipboard only.
  const copyToken = useCallback(() => {
    if (reveal !== 'allowed' && token === null) return;
    void (token !== null ? Promise.resolve(token) : api.authToken(sid))
      .then(copyText)
      .then((ok) => ok && setCopied('token'), () => setError('We couldn’t copy the Auth Token. Please try again.'));
  }, [reveal, sid, token]);

  return { data, token, revealing, error, reveal, copied, show, hide: () => setToken(null), copySid, copyToken };
}
