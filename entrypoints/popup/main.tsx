import { render } from 'preact';
import '../../components/ui.css';
import { App } from './App';
import { t } from '../../utils/i18n';

const root = document.getElementById('app');
if (!root) throw new Error('popup.html has no #app element');
// The page's language and title come from the catalogue the browser chose (the HTML has neither).
document.documentElement.lang = t('langCode');
document.title = t('extName');
render(<App />, root);
