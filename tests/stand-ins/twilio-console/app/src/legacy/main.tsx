import { createRoot } from 'react-dom/client';
import '../shared/global.css';
import { LegacySettings } from './LegacySettings.tsx';

const root = document.getElementById('app');
if (!root) throw new Error('legacy: #app missing from legacy.html');
createRoot(root).render(<LegacySettings />);
