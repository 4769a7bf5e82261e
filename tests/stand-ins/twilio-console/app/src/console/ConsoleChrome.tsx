import { useEffect, useRef, useState, type ReactNode } from 'react';
import { REGION_NAMES, type AccountSummary, type SessionResponse } from '../../../wire.ts';
import { api } from '../shared/api.ts';
import { ChevronDownIcon, SearchIcon, TwilioLogo } from '../shared/icons.tsx';
import { Badge, Box } from '../shared/paste.tsx';
import { navigate } from '../shared/router.ts';
import { dashboardHref, followLink, usePaths, type ConsolePaths } from './routes.ts';
import css from './console.module.css';

function nav(paths: ConsolePaths): Array<{ heading: string; links: Array<{ label: string; href: string }> }> {
  return [
    {
      heading: 'Develop',
      links: [
        { label: 'Account Dashboard', href: '/' },
        { label: 'Phone Numbers', href: `${paths.prefix}/develop/phone-numbers/manage/incoming` },
        { label: 'Messaging', href: `${paths.prefix}/develop/sms/overview` },
        { label: 'Voice', href: `${paths.prefix}/develop/voice/overview` },
      ],
    },
    {
      heading: 'Account management',
      links: [
        { label: 'Subaccounts', href: paths.subaccounts },
        { label: 'API keys & tokens', href: paths.apiKeys },
        { label: 'General settings', href: paths.generalSettings },
      ],
    },
  ];
}

function AccountSwitcher({ session }: { session: SessionResponse }) {
  const [open, setOpen] = useState(false);
  const [accounts, setAccounts] = useState<AccountSummary[] | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const paths = usePaths();

  useEffect(() => {
    if (!open) return;
    api.subaccounts().then((body) => setAccounts(body.accounts), () => setAccounts([]));
    const close = (event: MouseEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const choose = (sid: string) => {
    setOpen(false);
    navigate(dashboardHref(sid));
  };

  return (
    <div className={css.switcher} ref={container}>
      <button
        type="button"
        className={css.switcherButton}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span>
          <span className={css.switcherLabel}>{session.current.isSubaccount ? 'Subaccount' : 'Account'}</span>
          <span className={css.switcherName}>{session.current.friendlyName}</span>
        </span>
        <ChevronDownIcon />
      </button>
      {open ? (
        <ul role="menu" aria-label="Switch account" className={css.menu} data-paste-element="MENU">
          <li role="presentation" className={css.menuGroup}>
            Main account
          </li>
          <li role="presentation">
            <button type="button" role="menuitem" className={css.menuItem} onClick={() => choose(session.master.sid)}>
              {session.master.friendlyName}
            </button>
          </li>
          <li role="presentation" className={css.menuGroup}>
            Subaccounts
          </li>
          {accounts === null ? (
            <li role="presentation" className={css.menuGroup}>
              Loading…
            </li>
          ) : (
            accounts.slice(0, 20).map((account) => (
              <li role="presentation" key={account.sid}>
                <button type="button" role="menuitem" className={css.menuItem} onClick={() => choose(account.sid)}>
                  {account.friendlyName}
                </button>
              </li>
            ))
          )}
          <li role="presentation">
            <a role="menuitem" className={css.menuItem} href={paths.subaccounts} onClick={followLink}>
              View all subaccounts
            </a>
          </li>
        </ul>
      ) : null}
    </div>
  );
}

export function ConsoleChrome({
  session,
  framed,
  pathname,
  children,
}: {
  session: SessionResponse;
  framed: boolean;
  pathname: string;
  children: ReactNode;
}) {
  const paths = usePaths();
  const { region } = session.flags;
  return (
    <div className={css.shell}>
      <header className={css.topbar} data-paste-element="TOPBAR">
        <a className={css.brand} href="/" onClick={followLink}>
          <TwilioLogo />
          twilio
        </a>
        <span className={css.divider} />
        <AccountSwitcher session={session} />
        {session.current.type === 'Trial' ? <Badge variant="warning">Trial</Badge> : null}
        {/* The region, as words split over elements: "Region: <strong>IE1</strong> (Ireland)". */}
        <span className={css.region}>
          Region: <strong>{region.toUpperCase()}</strong> ({REGION_NAMES[region]})
        </span>
        <label className={css.search}>
          <SearchIcon />
          <input type="search" placeholder="Jump to..." aria-label="Search" />
        </label>
        <a className={css.topLink} href={`${paths.prefix}/monitor/logs/debugger`}>
          Monitor
        </a>
        <a className={css.topLink} href="https://www.twilio.com/docs">
          Docs
        </a>
        <span className={css.avatar} aria-label="User menu" role="img">
          AD
        </span>
      </header>
      <nav className={css.sidebar} aria-label="Product navigation" data-paste-element="SIDEBAR">
        {nav(paths).map((section) => (
          <Box key={section.heading} element="SIDEBAR_NAVIGATION">
            <div className={css.sideHeading}>{section.heading}</div>
            <ul className={css.sideList}>
              {section.links.map((link) => {
                const current = link.href.split('?')[0] === pathname;
                return (
                  <li key={link.href}>
                    <a
                      className={current ? `${css.sideLink} ${css.sideLinkCurrent}` : css.sideLink}
                      aria-current={current ? 'page' : undefined}
                      href={link.href}
                      onClick={followLink}
                    >
                      {link.label}
                    </a>
                  </li>
                );
              })}
            </ul>
          </Box>
        ))}
      </nav>
      <main className={framed ? `${css.main} ${css.framedMain}` : css.main}>{children}</main>
    </div>
  );
}
