import { createRoot } from 'react-dom/client';
import '../shared/global.css';
import { ConsoleApp } from './ConsoleApp.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('console: #root missing from console.html');
createRoot(root).render(<ConsoleApp />);
