/**
 * Every row of the SRD fixture, imported into a real catalog file, rendered through the detail
 * body with the resolver the app builds from `references:of`: no raw `{@` reaches the output,
 * stored references become links to rows that exist, and tags the catalog lacks are marked. The
 * synthetic rules-terms fixture is imported with it (conditions, rules, skills … to link to).
 */
import { renderToString } from 'preact-render-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMigrated } from '../../../test/helpers';
import type { Catalog } from '../../../src-main/db/catalog';
import { rebuildReferences, referencesOf } from '../../../src-main/db/references';
import { import5etools } from '../../../src-main/import/5etools';
import type { BrowseKind } from '../app/route';
import { referenceResolver } from '../content/links';
import { referenceKindOf } from '../kinds/reference-kinds';
import { tempDir } from '../../../test/helpers';
import { withRulesTerms } from '../../../test/rules-terms-fixture';
import type { AnyRow } from '../kinds/rows';
import { DetailBody } from './DetailBody';

const dir = process.env['MIMIR_5ETOOLS_DIR'];
const SKIP_REASON = 'skipped: MIMIR_5ETOOLS_DIR not set (point it at the 5etools SRD fixture folder)';

const KINDS: readonly BrowseKind[] = ['spells', 'creatures', 'items', 'races', 'classes', 'backgrounds', 'feats', 'rulesTerms', 'sources'];

function allRows(catalog: Catalog, kind: BrowseKind): AnyRow[] {
  const api = catalog[kind] as unknown as { list(input: { limit: number; offset: number }): { items: AnyRow[]; total: number } };
  const rows: AnyRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = api.list({ limit: 500, offset });
    rows.push(...page.items);
    if (page.items.length < 500) return rows;
  }
}

/** Hrefs of entity links in rendered HTML (`#/spells?sel=fireball-phb`). */
function linkTargets(html: string): string[] {
  return [...html.matchAll(/class="entity-link" href="([^"]+)"/g)].map((match) => (match[1] ?? '').replace(/&amp;/g, '&'));
}

describe.skipIf(!dir)(`detail bodies over the SRD fixture${dir ? '' : ` (${SKIP_REASON})`}`, () => {
  let catalog: Catalog;
  const rendered = new Map<BrowseKind, { id: string; html: string }[]>();

  beforeAll(() => {
    catalog = openMigrated().catalog;
    import5etools(catalog, withRulesTerms(dir as string, tempDir()));
    rebuildReferences(catalog.connection.sqlite);
    for (const kind of KINDS) {
      rendered.set(
        kind,
        allRows(catalog, kind).map((row) => {
          const id = row.id;
          const entity = referenceKindOf(kind);
          const resolve = entity ? referenceResolver(referencesOf(catalog.connection.sqlite, { entity, id, limit: 500 }).mentions.items) : undefined;
          return { id, html: renderToString(<DetailBody kind={kind} row={row} resolve={resolve} />) };
        }),
      );
    }
  }, 120_000);

  it.each(['spells', 'creatures', 'items'] as const)('renders every %s with no raw {@ markup', (kind) => {
    const rows = rendered.get(kind) ?? [];
    expect(rows.length).toBeGreaterThan(250);
    const raw = rows.filter((row) => row.html.includes('{@') || row.html.includes('{='));
    expect(raw.map((row) => row.id)).toEqual([]);
  });

  it('renders races, classes, backgrounds, feats and sources with no raw {@ markup and no JSON', () => {
    for (const kind of ['races', 'classes', 'backgrounds', 'feats', 'rulesTerms', 'sources'] as const) {
      const rows = rendered.get(kind) ?? [];
      expect(rows.length, kind).toBeGreaterThan(0);
      expect(rows.filter((row) => row.html.includes('{@')).map((row) => row.id)).toEqual([]);
      expect(rows.filter((row) => row.html.includes('{&quot;') || row.html.includes('&quot;type&quot;')).map((row) => row.id)).toEqual([]);
    }
  });

  it('links every stored reference to a row that exists, and marks the rest', () => {
    const { sqlite } = catalog.connection;
    let links = 0;
    for (const kind of KINDS) {
      for (const { html } of rendered.get(kind) ?? []) {
        for (const href of linkTargets(html)) {
          links++;
          const match = /^#\/([A-Za-z]+)\?sel=(.+)$/.exec(href);
          expect(match, href).not.toBeNull();
          const [, targetKind, targetId] = match as RegExpExecArray;
          const table = targetKind === 'rulesTerms' ? 'rules_terms' : targetKind;
          const exists = sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(decodeURIComponent(targetId as string));
          expect(exists, href).toBeDefined();
        }
      }
    }
    expect(links).toBeGreaterThan(500);
    const lich = rendered.get('creatures')?.find((row) => row.id === 'lich-mm')?.html ?? '';
    expect(linkTargets(lich)).toContain('#/spells?sel=fireball-phb');
    // Conditions link to rules terms; one the catalog lacks is shown as text, marked.
    const dragon = rendered.get('creatures')?.find((row) => row.id === 'adult-red-dragon-mm')?.html ?? '';
    expect(linkTargets(dragon)).toContain('#/rulesTerms?sel=frightened-phb');
    const unconscious = rendered.get('rulesTerms')?.find((row) => row.id === 'unconscious-phb')?.html ?? '';
    expect(linkTargets(unconscious)).toEqual(['#/rulesTerms?sel=incapacitated-phb', '#/rulesTerms?sel=prone-phb']);
    expect(lich).toMatch(/class="entity-unresolved" title="Condition \u201cparalyzed\u201d: not in the catalog">paralyzed</);
  });

  it('prints the stat block and headers as the books do', () => {
    const dragon = rendered.get('creatures')?.find((row) => row.id === 'adult-red-dragon-mm')?.html ?? '';
    expect(dragon).toContain('Huge dragon, chaotic evil');
    expect(dragon).toContain('19 (natural armor)');
    expect(dragon).toContain('256 (19d12 + 133)');
    expect(dragon).toContain('40 ft., climb 40 ft., fly 80 ft.');
    expect(dragon).toContain('27 (+8)');
    expect(dragon).toContain('17 (18,000 XP); Proficiency Bonus +6');
    expect(dragon).toContain('Melee Weapon Attack:');
    const lich = rendered.get('creatures')?.find((row) => row.id === 'lich-mm')?.html ?? '';
    expect(lich).toContain('Medium undead, any evil alignment');
    expect(lich).toContain('<h3 class="stat-section-title">Legendary Actions</h3>');
    expect(lich).toContain('9th level (1 slot): ');
    const fireball = rendered.get('spells')?.find((row) => row.id === 'fireball-phb')?.html ?? '';
    expect(fireball).toContain('3rd-level evocation');
    expect(fireball).toContain('150 feet');
    expect(fireball).toContain('V, S, M (a tiny ball of bat guano and sulfur)');
    expect(fireball).toContain('Instantaneous');
    expect(fireball).toContain('Sorcerer, Wizard');
    expect(fireball).toContain('8d6');
    const longsword = rendered.get('items')?.find((row) => row.id === 'longsword-phb')?.html ?? '';
    expect(longsword).toContain('Melee weapon');
    expect(longsword).toContain('15 gp');
    expect(longsword).toContain('1d8 slashing (versatile 1d10)');
    const bag = rendered.get('items')?.find((row) => row.id === 'bag-of-holding-dmg')?.html ?? '';
    expect(bag).toContain('Wondrous item, uncommon');
    const fighter = rendered.get('classes')?.find((row) => row.id === 'fighter-phb')?.html ?? '';
    expect(fighter).toContain('Level 20');
    expect(fighter).toContain('Action Surge');
  });
});
