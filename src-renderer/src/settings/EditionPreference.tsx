/**
 * The preferred rule system (`settings:get` / `settings:update`): which edition a reference
 * without a source names, and whose printings search ranks first. Changing it re-resolves the
 * catalog's references in the database; the line beside the control says what happened.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { PREFERRED_RULE_SYSTEMS } from '../../../src-shared/catalog/enums';
import { PREFERRED_RULE_SYSTEM_NAMES } from '../../../src-shared/catalog/labels';
import type { PreferredRuleSystem } from '../../../src-shared/settings';
import './settings.css';

function isPreferred(value: string): value is PreferredRuleSystem {
  return (PREFERRED_RULE_SYSTEMS as readonly string[]).includes(value);
}

export function EditionPreference(): JSX.Element {
  const [value, setValue] = useState<PreferredRuleSystem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    let live = true;
    void window.mimir.settings.get().then((result) => {
      if (!live) return;
      if (result.ok) setValue(result.data.preferredRuleSystem);
      else setMessage(`Settings are not available: ${result.error.message}`);
    });
    return () => {
      live = false;
    };
  }, []);

  const change = async (next: string): Promise<void> => {
    if (!isPreferred(next) || next === value) return;
    setBusy(true);
    setMessage('Updating references\u2026');
    const result = await window.mimir.settings.update({ preferredRuleSystem: next });
    setBusy(false);
    if (!result.ok) {
      setMessage(`Not changed: ${result.error.message}`);
      return;
    }
    setValue(result.data.settings.preferredRuleSystem);
    const references = result.data.references;
    setMessage(references ? `${PREFERRED_RULE_SYSTEM_NAMES[next]} preferred; ${references.references} references resolved again.` : '');
  };

  return (
    <div class="edition-preference">
      <label>
        Preferred rules{' '}
        <select value={value ?? ''} disabled={value === undefined || busy} onChange={(event) => void change(event.currentTarget.value)}>
          {value === undefined && <option value="">…</option>}
          {PREFERRED_RULE_SYSTEMS.map((id) => (
            <option key={id} value={id}>
              {PREFERRED_RULE_SYSTEM_NAMES[id]}
            </option>
          ))}
        </select>
      </label>
      <span class="edition-preference-message" aria-live="polite">
        {message}
      </span>
    </div>
  );
}
