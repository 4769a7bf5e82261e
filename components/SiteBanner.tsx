import { useState } from 'preact/hooks';
import { enableCrmHost } from '../utils/hosts';
import type { CheckReport } from '../utils/messages';
import type { ActiveTabView } from './hooks';
import { checkPage } from './send';
import { CHECK_ANCHOR_TEXT, text } from './text';

function errorText(error: unknown): string {
  return text.failedWith(error instanceof Error ? error.message : String(error));
}

/**
 * What the popup offers for the page it acts on: enabling a CRM-looking site, or checking an
 * enabled CRM page without writing anything.
 */
export function SiteBanner({ view }: { view: ActiveTabView }) {
  const [notice, setNotice] = useState('');
  const [report, setReport] = useState<CheckReport | undefined>(undefined);
  const { page, tab } = view;

  const enable = (host: string) => {
    // First, before any await: the browser grants a permission only inside the click.
    const result = enableCrmHost(host);
    setNotice(text.working);
    result.then(
      (answer) => setNotice(answer === 'enabled' ? text.enableSiteDone(host) : text.enableSiteDenied),
      (error: unknown) => setNotice(errorText(error)),
    );
  };

  const check = async (tabId: number) => {
    setNotice(text.working);
    setReport(undefined);
    const outcome = await checkPage(tabId);
    if (outcome.ok) {
      setNotice(outcome.report.anchors.every((anchor) => anchor.found) ? text.checkPageAllFound : '');
      setReport(outcome.report);
    } else {
      setNotice(outcome.message);
    }
  };

  let body = null;
  if (page.kind === 'crm-candidate') {
    body = (
      <>
        <p>{text.enableSiteLead(page.host)}</p>
        <button
          type="button"
          class="button button--primary"
          aria-label={text.enableSiteLabel(page.host)}
          onClick={() => enable(page.host)}
        >
          {text.enableSite}
        </button>
      </>
    );
  } else if (page.kind === 'crm-lookalike') {
    // Never offered nor called "your CRM": adding such a host takes typing it in Settings.
    body = (
      <p class="warning" role="alert">
        {text.lookalikeSite(page.host)}
      </p>
    );
  } else if (page.kind === 'crm' && tab) {
    body = (
      <button type="button" class="button" onClick={() => void check(tab.id)}>
        {text.checkPage}
      </button>
    );
  }
  if (!body && !notice) return null;

  return (
    <section class="banner" aria-label={text.productName}>
      {body}
      {report && (
        <ul class="check">
          {report.anchors.map(({ anchor, found }) => (
            <li key={anchor} class={found ? 'check--found' : 'check--missing'}>
              <span class="check__state">{found ? text.checkPageFound : text.checkPageMissing}</span>{' '}
              {CHECK_ANCHOR_TEXT[anchor].name}
              {!found && <span class="muted"> · {CHECK_ANCHOR_TEXT[anchor].missing}</span>}
            </li>
          ))}
        </ul>
      )}
      <p class="notice" role="status">
        {notice}
      </p>
    </section>
  );
}
