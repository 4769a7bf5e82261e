import { createApp } from 'vue';
import { Root } from './Root';
import './styles.css';

createApp(Root).mount('#app');
