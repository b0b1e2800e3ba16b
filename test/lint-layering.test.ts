/**
 * The layering rules of eslint.config.js catch real violations: each fixture in
 * test/fixtures/layering/ is linted as if it sat where its `// lint-as:` line says, and must fail
 * with the rule and message meant for it; the control fixture must pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test', 'fixtures', 'layering');

const expected: Record<string, { rule: string; message: RegExp }> = {
  'shared-imports-main.ts': { rule: 'import/no-restricted-paths', message: /src-shared runs in every process/ },
  'app-imports-test-helpers.ts': { rule: 'import/no-restricted-paths', message: /never imports test helpers/ },
  'app-imports-vitest.ts': { rule: 'no-restricted-imports', message: /Test code lives in/ },
  'db-imports-ipc.ts': { rule: 'import/no-restricted-paths', message: /database core/ },
  'db-imports-importer.ts': { rule: 'import/no-restricted-paths', message: /database core/ },
  'core-imports-electron.ts': { rule: 'no-restricted-imports', message: /Only the binding files/ },
  'main-thread-imports-worker.ts': { rule: 'import/no-restricted-paths', message: /runs on the main thread/ },
};

async function lintAs(file: string): Promise<ESLint.LintResult> {
  const text = readFileSync(join(fixtures, file), 'utf8');
  const at = /^\/\/ lint-as: (\S+)/.exec(text)?.[1];
  if (!at) throw new Error(`${file} has no lint-as line`);
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(text, { filePath: join(root, at) });
  return result!;
}

describe('layering lint', () => {
  it('has a fixture for every rule case, and nothing unexpected in the folder', () => {
    const files = readdirSync(fixtures).filter((f) => f.endsWith('.ts'));
    expect(files.sort()).toEqual([...Object.keys(expected), 'allowed.ts'].sort());
  });

  it.each(Object.entries(expected))('%s fails with its rule', async (file, { rule, message }) => {
    const result = await lintAs(file);
    const hits = result.messages.filter((m) => m.ruleId === rule);
    expect(hits, JSON.stringify(result.messages)).toHaveLength(1);
    expect(hits[0]?.message).toMatch(message);
    expect(hits[0]?.line).toBe(2);
  });

  it('the allowed imports pass', async () => {
    const result = await lintAs('allowed.ts');
    expect(result.messages).toEqual([]);
  });
});
