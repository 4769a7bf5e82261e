import { useEffect, useState } from 'react';
import type { SessionResponse } from '../../../wire.ts';
import { api } from '../shared/api.ts';
import { Spinner } from '../shared/paste.tsx';
import { useUrl } from '../shared/router.ts';
import { ConsoleChrome } from './ConsoleChrome.tsx';
import { CreateSubaccountPage } from './CreateSubaccountPage.tsx';
import { DashboardPage } from './DashboardPage.tsx';
import { ApiKeysPage } from './ApiKeysPage.tsx';
import { FramedPage } from './FramedPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { SubaccountsPage } from './SubaccountsPage.tsx';
import { consolePaths, PathsContext } from './routes.ts';
import css from './console.module.css';

export function ConsoleApp() {
  const url = useUrl();
  const requestedSid = url.searchParams.get('accountSid');
  const [session, setSession] = useState<SessionResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The selected account lives in the server session (a cookie shared with www.twilio.com); an
  // `accountSid` in the URL switches into that account, as clicking a name in the list does.
  useEffect(() => {
    let cancelled = false;
    const load = requestedSid && requestedSid !== session?.current.sid ? api.switchAccount(requestedSid) : session ? null : api.session();
    load
      ?.then((next) => {
        if (!cancelled) setSession(next);
      })
      .catch((reason: unknown) => {
        if (!cancelled) setError(reason instanceof Error ? reason.message : String(reason));
      });
    return () => {
      cancelled = true;
    };
  }, [requestedSid, session]);

  if (error) return <NotFoundPage message={error} />;
  if (!session) {
    return (
      <div className={css.empty}>
        <Spinner title="Loading the Console" size={32} />
      </div>
    );
  }

  // Routes exist under the session's region only: /us1/… in an IE1 console is no page.
  const paths = consolePaths(session.flags.region);
  const frameUrl = url.searchParams.get('frameUrl');
  let page;
  if (frameUrl) page = <FramedPage frameUrl={frameUrl} region={session.flags.region} />;
  else if (url.pathname === paths.subaccounts) page = <SubaccountsPage />;
  else if (url.pathname === paths.createSubaccount) page = <CreateSubaccountPage />;
  else if (url.pathname === paths.apiKeys) page = <ApiKeysPage session={session} />;
  else if (paths.dashboards.has(url.pathname)) page = <DashboardPage session={session} />;
  else page = <NotFoundPage message={`No page at ${url.pathname}`} />;

  return (
    <PathsContext value={paths}>
      <ConsoleChrome session={session} framed={Boolean(frameUrl)} pathname={url.pathname}>
        {page}
      </ConsoleChrome>
    </PathsContext>
  );
}
