// Renderer entry: plain DOM, no framework. Minimal catalog page until the UI is built.
function render(root: HTMLElement): void {
  const heading = document.createElement('h1');
  heading.textContent = 'Mimir catalog';

  const status = document.createElement('p');
  status.id = 'status';
  status.setAttribute('role', 'status');
  status.textContent = 'Loading…';

  root.replaceChildren(heading, status);
}

const root = document.getElementById('app');
if (!root) throw new Error('Mimir: #app element missing from index.html');
render(root);
