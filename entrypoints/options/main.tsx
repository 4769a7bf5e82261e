import { render } from 'preact';
import '../../components/ui.css';
import '../welcome/welcome.css';
import { BulkConnectPage } from '../../components/BulkConnectPage';
import { HealthPage } from '../../components/HealthPage';
import { WelcomePage } from '../welcome/App';
import { App } from './App';
import { t } from '../../utils/i18n';
import { bulkText } from '../../components/bulk-text';
import { healthText } from '../../components/health-text';
import { welcomeText } from '../../components/welcome-text';
import { text } from '../../components/text';

/**
 * Also the script of the welcome page (entrypoints/welcome/index.html). A page with a script of its
 * own would load some of the modules the popup and the background share and not others, and the
 * bundler would cut their shared chunks into more files: +389 B gzipped for the popup and +220 B for
 * the background, over its budget, for no new code of theirs. Sharing the options page's script keeps
 * every chunk as it was; the options page carries the welcome page's few kB. The bulk connect page
 * (entrypoints/connect/index.html) and the health page (entrypoints/health/index.html) share it for the same reason.
 */
const root = document.getElementById('app');
if (!root) throw new Error(`${location.pathname} has no #app element`);
const page = location.pathname.split('/').pop();
const PAGES: Record<string, () => preact.JSX.Element> = {
  'welcome.html': () => <WelcomePage />,
  'connect.html': () => <BulkConnectPage />,
  'health.html': () => <HealthPage />,
};
// The page's language and title come from the catalogue the browser chose (the HTML has neither).
const TITLES: Record<string, () => string> = {
  'welcome.html': () => welcomeText.title,
  'connect.html': () => t('pageTitle', bulkText.title),
  'health.html': () => t('pageTitle', healthText.title),
};
document.documentElement.lang = t('langCode');
document.title = (TITLES[page ?? ''] ?? (() => text.optionsTitle))();
render((PAGES[page ?? ''] ?? (() => <App />))(), root);
