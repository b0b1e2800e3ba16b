// Renderer entry: the catalog browser (Preact). It reaches the app through window.mimir only.
import { render } from 'preact';
import { App } from './app/App';
import './styles/app.css';

const root = document.getElementById('app');
if (!root) throw new Error('Mimir: #app element missing from index.html');
render(<App />, root);
