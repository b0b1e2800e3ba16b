/**
 * Lists skipped tests with their reasons after the run (the list reporter shows only a dash),
 * grouped by reason so that e.g. "Electron binary not installed" appears once with its tests.
 */
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonsReporter implements Reporter {
  private readonly byReason = new Map<string, string[]>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const annotations = [...test.annotations, ...result.annotations];
    const reason =
      annotations.find((a) => (a.type === 'skip' || a.type === 'fixme') && a.description)?.description ?? 'no reason given';
    const title = test.titlePath().filter(Boolean).join(' › ');
    const tests = this.byReason.get(reason) ?? [];
    tests.push(title);
    this.byReason.set(reason, tests);
  }

  onEnd(_result: FullResult): void {
    if (this.byReason.size === 0) return;
    const lines = ['', 'Skipped tests:'];
    for (const [reason, tests] of this.byReason) {
      lines.push(`  ${tests.length} skipped: ${reason}`);
      for (const title of tests) lines.push(`    - ${title}`);
    }
    console.log(lines.join('\n'));
  }

  printsToStdio(): boolean {
    return true;
  }
}
