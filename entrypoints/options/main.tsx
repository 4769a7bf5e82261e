import { render } from 'preact';
import '../../components/ui.css';
import { App } from './App';

const root = document.getElementById('app');
if (!root) throw new Error('options.html has no #app element');
render(<App />, root);
