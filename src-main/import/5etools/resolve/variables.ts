/**
 * `<$mode__detail$>` placeholders in `_mod` values (mostly in creature templates), filled from
 * the record being built before the patches apply, as 5etools' `DataUtil.generic.variableResolver`
 * does: `name`, `short_name`, `title_short_name`, `dc__<abil>`, `spell_dc__<abil>`,
 * `to_hit__<abil>`, `damage_mod__<abil>`, `damage_avg__<expression>`, `size_mult__<expression>`.
 * A placeholder of another mode is left as written.
 */
import type { Raw } from '../types';
import { evaluateArithmetic } from './arithmetic';
import { ABILITIES, abilityMod, crToPb, shortName, signed, sizeMultiplier } from './creature-math';
import { ModError } from './errors';
import { mapStrings } from './walk';

/** The modifier of the ability score the placeholder names; an unknown or absent score is an error (5etools would print NaN). */
function modifier(record: Raw, detail: string | undefined): number {
  const found = ABILITIES.find((a) => a === detail);
  if (!found) throw new ModError(`the placeholder names the unknown ability score "${detail ?? ''}"`);
  const score = record[found];
  if (typeof score !== 'number') throw new ModError(`the record has no ${found} score`);
  return abilityMod(score);
}

function resolveOne(mode: string, detail: string | undefined, record: Raw): string | undefined {
  const pb = crToPb(record['cr']) ?? 0;
  switch (mode) {
    case 'name':
      return typeof record['name'] === 'string' ? record['name'] : '';
    case 'short_name':
      return shortName(record);
    case 'title_short_name':
      return shortName(record, true);
    case 'dc':
    case 'spell_dc':
      return String(8 + modifier(record, detail) + pb);
    case 'to_hit':
      return signed(pb + modifier(record, detail));
    case 'damage_mod': {
      const mod = modifier(record, detail);
      return mod === 0 ? '' : mod > 0 ? ` + ${mod}` : ` - ${Math.abs(mod)}`;
    }
    case 'damage_avg': {
      const expression = (detail ?? '')
        .replace(/\b(str|dex|con|int|wis|cha)\b/gi, (abil) => String(modifier(record, abil.toLowerCase())))
        .replace(/\bsize_mult\b/g, () => String(sizeMultiplier(record)));
      return String(Math.floor(evaluateArithmetic(expression)));
    }
    case 'size_mult': {
      const mult = sizeMultiplier(record);
      return detail ? String(Math.floor(evaluateArithmetic(`${mult} * ${detail}`))) : String(mult);
    }
    default:
      return undefined;
  }
}

/** `value` with every placeholder resolved against `record`. */
export function resolveVariables(value: unknown, record: Raw): unknown {
  return mapStrings(value, (text) =>
    text.includes('<$')
      ? text.replace(/<\$([^$]+)\$>/g, (whole, variable: string) => {
          const [mode = '', detail] = variable.split('__');
          return resolveOne(mode, detail, record) ?? whole;
        })
      : text,
  );
}
