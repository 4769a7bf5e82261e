import { browser } from 'wxt/browser';
import { EmptyState } from '../../components/EmptyState';
import { HandoffList } from '../../components/HandoffList';
import { useActiveTab, useHandoffs, useLocations, useNow, useSettings } from '../../components/hooks';
import { LocationsSection } from '../../components/LocationsSection';
import { PasteCredentials } from '../../components/PasteCredentials';
import { SiteBanner } from '../../components/SiteBanner';
import { text } from '../../components/text';
import { NOTHING_TO_SEND } from '../../utils/messages';

export function App() {
  const now = useNow();
  const handoffs = useHandoffs();
  const settings = useSettings();
  const view = useActiveTab();
  const cached = useLocations(settings?.preferredCrmHost);
  const tabId = view?.tab?.id;
  const pageHandoff = tabId === undefined ? undefined : handoffs?.find((handoff) => handoff.source?.tabId === tabId);
  const firstRun = handoffs?.length === 0 && cached?.seenAt === 0;

  return (
    <main class="popup-main">
      <header class="top">
        <h1>{text.productName}</h1>
        <div>
          <a class="button button--quiet" href="/welcome.html" target="_blank">
            {text.gettingStarted}
          </a>
          <a class="button button--quiet" href="/connect.html" target="_blank">
            {text.bulkConnect}
          </a>
          <button type="button" class="button button--quiet" onClick={() => void browser.runtime.openOptionsPage()}>
            {text.openSettings}
          </button>
        </div>
      </header>
      {location.hash === `#${NOTHING_TO_SEND}` && (
        <p class="warning" role="alert">
          {text.nothingToSend}
        </p>
      )}
      {view && <SiteBanner view={view} />}
      <section aria-labelledby="handoffs-heading">
        <h2 id="handoffs-heading">{text.handoffsHeading}</h2>
        {handoffs &&
          (handoffs.length > 0 ? (
            <HandoffList handoffs={handoffs} now={now} first={location.hash.slice(1)} />
          ) : (
            <EmptyState>{firstRun ? text.firstRun : text.noHandoffs}</EmptyState>
          ))}
      </section>
      <section aria-labelledby="locations-heading">
        <h2 id="locations-heading">{text.locationsHeading}</h2>
        {cached && <LocationsSection cached={cached} pageHandoff={pageHandoff} />}
      </section>
      <details>
        <summary>{text.pasteHeading}</summary>
        <PasteCredentials />
      </details>
    </main>
  );
}
