/** Grouping an import's skipped records and warnings by their reason. Pure code, no DOM. */

/**
 * A reason without its particulars, so records skipped or warned about for the same reason share
 * one group: quoted values and numbers become "…" ("its value 0.2 cp is not a whole number …").
 */
export function reasonKey(reason: string): string {
  return reason.replace(/"[^"]*"/g, '"…"').replace(/\b\d+(\.\d+)?\b/g, '…');
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(item);
  }
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}
