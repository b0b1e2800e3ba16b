// Renderer entry: plain DOM, no framework. A minimal catalog page (status + spell search) that
// exercises window.mimir; the catalog UI proper is future work. Text goes in through
// textContent only, never innerHTML.
const SPELL_PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 150;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

async function showStatus(status: HTMLElement): Promise<void> {
  const result = await window.mimir.db.status();
  if (!result.ok) {
    status.textContent = `The catalog is unavailable: ${result.error.message}`;
    return;
  }
  const { schemaVersion, latestVersion, counts } = result.data;
  const count = (key: string, label: string): string => `${counts[key] ?? 0} ${label}`;
  status.textContent =
    `Schema version ${schemaVersion} of ${latestVersion} · ` +
    [count('spells', 'spells'), count('creatures', 'creatures'), count('items', 'items'), count('sources', 'sources')].join(', ');
}

function spellSearch(): HTMLElement {
  const section = element('section');
  section.setAttribute('aria-labelledby', 'spells-heading');
  const heading = element('h2', { id: 'spells-heading', textContent: 'Spells' });
  const label = element('label', { htmlFor: 'spell-search', textContent: 'Search spells by name ' });
  const input = element('input', { id: 'spell-search', type: 'search', autocomplete: 'off', placeholder: 'e.g. Fire' });
  const summary = element('p', { id: 'spell-summary' });
  summary.setAttribute('aria-live', 'polite');
  const list = element('ul', { id: 'spell-list' });
  section.append(heading, label, input, summary, list);

  // Answers can arrive out of order; only the latest search may fill the list.
  let latest = 0;
  const search = async (): Promise<void> => {
    const query = ++latest;
    const text = input.value.trim();
    const result = await window.mimir.spells.list({
      ...(text ? { filter: { nameStartsWith: text } } : {}),
      limit: SPELL_PAGE_SIZE,
    });
    if (query !== latest) return;
    show(result);
  };
  const show = (result: Awaited<ReturnType<typeof window.mimir.spells.list>>): void => {
    if (!result.ok) {
      summary.textContent = result.error.message;
      list.replaceChildren();
      return;
    }
    const { items, total } = result.data;
    summary.textContent = total === items.length ? `${total} spells` : `${items.length} of ${total} spells`;
    list.replaceChildren(
      ...items.map((spell) => element('li', { textContent: `${spell.name} — level ${spell.level} (${spell.sourceId})` })),
    );
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search().catch(reportFailure(summary)), SEARCH_DELAY_MS);
  });
  void search().catch(reportFailure(summary));
  return section;
}

function reportFailure(target: HTMLElement) {
  return (error: unknown): void => {
    target.textContent = `Request failed: ${error instanceof Error ? error.message : String(error)}`;
  };
}

function render(root: HTMLElement): void {
  const heading = element('h1', { textContent: 'Mimir catalog' });
  const status = element('p', { id: 'status', textContent: 'Loading…' });
  status.setAttribute('role', 'status');
  root.replaceChildren(heading, status, spellSearch());
  void showStatus(status).catch(reportFailure(status));
}

const root = document.getElementById('app');
if (!root) throw new Error('Mimir: #app element missing from index.html');
render(root);
