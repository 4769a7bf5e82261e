import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CrmHostsSection } from '../../components/CrmHostsSection';
import { welcomeText as w } from '../../components/welcome-text';
import { browserFamily, type BrowserFamily } from '../../utils/browser-family';
import { isPinned, onPinChange } from '../../utils/toolbar-pin';

const FAMILIES: readonly BrowserFamily[] = ['chrome', 'edge', 'firefox'];

function Steps({ steps }: { steps: readonly string[] }) {
  return (
    <ol class="steps">
      {steps.map((step) => (
        <li key={step}>{step}</li>
      ))}
    </ol>
  );
}

/** True once the browser says the icon is pinned; undefined where it cannot tell. */
function usePinned(): boolean | undefined {
  const [pinned, setPinned] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const look = () => void isPinned().then((now) => live && setPinned(now));
    look();
    const stop = onPinChange(look);
    return () => {
      live = false;
      stop();
    };
  }, []);
  return pinned;
}

/**
 * The first-run page (issue 13 item 3): opened once on install (utils/background/first-run.ts) and
 * from "Getting started" in the popup and the options page. What the extension does, pinning its
 * icon, a white-label CRM site through the options page's own section (the same permission prompt),
 * and where the settings and the audit log are.
 */
export function WelcomePage({ userAgent = navigator.userAgent }: { userAgent?: string }) {
  const family = browserFamily(userAgent);
  const pinned = usePinned();
  return (
    <main class="welcome-main">
      <header class="welcome-intro">
        <img src="/icon/128.png" alt="" width={48} height={48} />
        <h1>{w.title}</h1>
        <p class="lead">{w.lead}</p>
      </header>

      <section class="card" aria-labelledby="how-heading">
        <h2 id="how-heading">{w.howHeading}</h2>
        <Steps steps={w.howSteps} />
        <p class="hint">{w.tokenNote}</p>
      </section>

      <section class="card" aria-labelledby="pin-heading">
        <h2 id="pin-heading">{w.pinHeading}</h2>
        <p>{w.pinLead}</p>
        <Steps steps={w.pinSteps[family]} />
        {pinned && (
          <p class="done" role="status">
            {w.pinned}
          </p>
        )}
        <details>
          <summary>{w.otherBrowsers}</summary>
          {FAMILIES.filter((other) => other !== family).map((other) => (
            <div key={other}>
              <h3>{w.browserName[other]}</h3>
              <Steps steps={w.pinSteps[other]} />
            </div>
          ))}
        </details>
      </section>

      <p class="own-domain">{w.ownDomain}</p>
      <CrmHostsSection />

      <section class="card" aria-labelledby="settings-heading">
        <h2 id="settings-heading">{w.settingsHeading}</h2>
        <p>{w.settingsBody}</p>
        <p>{w.auditBody}</p>
        <div class="actions">
          <button type="button" class="button button--primary" onClick={() => void browser.runtime.openOptionsPage()}>
            {w.openSettings}
          </button>
          <span class="muted">{w.settingsElsewhere}</span>
        </div>
        <p class="hint">{w.later}</p>
      </section>
    </main>
  );
}
