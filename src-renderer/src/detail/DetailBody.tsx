/**
 * The body of one row's detail, per kind: header or stat block, then the rules text. Pure (row in,
 * markup out), so it renders the same in the app and in the render tests over the SRD fixture.
 */
import type { JSX } from 'preact';
import type { BrowseKind } from '../app/route';
import { Entries } from '../content/Entries';
import { ItemHeader } from '../content/ItemHeader';
import { BackgroundHeader, ClassFeatures, ClassHeader, FeatHeader, RaceHeader, RulesTermHeader, SourceHeader } from '../content/KindHeaders';
import type { LinkResolver } from '../content/links';
import { ResolverContext } from '../content/Markup';
import { SpellHeader } from '../content/SpellHeader';
import { StatBlock } from '../content/StatBlock';
import type { AnyRow, RowOf } from '../kinds/rows';

export interface DetailBodyProps {
  kind: BrowseKind;
  row: AnyRow;
  resolve?: LinkResolver | undefined;
}

function entriesOf(row: AnyRow): unknown {
  return 'entries' in row ? row.entries : [];
}

function Body({ kind, row }: { kind: BrowseKind; row: AnyRow }): JSX.Element {
  switch (kind) {
    case 'spells': {
      const spell = row as RowOf<'spells'>;
      return (
        <>
          <SpellHeader row={spell} />
          <Entries entries={spell.entries} />
          {Array.isArray(spell.upcastInfo) && spell.upcastInfo.length > 0 && <Entries entries={spell.upcastInfo} depth={2} />}
        </>
      );
    }
    case 'creatures':
      return (
        <>
          <StatBlock row={row as RowOf<'creatures'>} />
          <Entries entries={entriesOf(row)} />
        </>
      );
    case 'items':
      return (
        <>
          <ItemHeader row={row as RowOf<'items'>} />
          <Entries entries={entriesOf(row)} />
        </>
      );
    case 'races':
      return (
        <>
          <RaceHeader row={row as RowOf<'races'>} />
          <Entries entries={entriesOf(row)} />
        </>
      );
    case 'classes':
      return (
        <>
          <ClassHeader row={row as RowOf<'classes'>} />
          <Entries entries={entriesOf(row)} />
          <ClassFeatures row={row as RowOf<'classes'>} />
        </>
      );
    case 'backgrounds':
      return (
        <>
          <BackgroundHeader row={row as RowOf<'backgrounds'>} />
          <Entries entries={entriesOf(row)} />
        </>
      );
    case 'feats':
      return (
        <>
          <FeatHeader row={row as RowOf<'feats'>} />
          <Entries entries={entriesOf(row)} />
        </>
      );
    case 'rulesTerms':
      return (
        <>
          <RulesTermHeader row={row as RowOf<'rulesTerms'>} />
          <Entries entries={entriesOf(row)} />
        </>
      );
    case 'sources':
      return <SourceHeader row={row as RowOf<'sources'>} />;
  }
}

export function DetailBody({ kind, row, resolve }: DetailBodyProps): JSX.Element {
  return (
    <ResolverContext.Provider value={resolve}>
      <div class="detail-body">
        <Body kind={kind} row={row} />
      </div>
    </ResolverContext.Provider>
  );
}
