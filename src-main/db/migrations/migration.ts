import { createHash } from 'node:crypto';

/** One migration as embedded in the build: `migrations/NNNN_name/{up,down}.sql`. */
export interface Migration {
  version: number;
  name: string;
  up: string;
  down: string;
  /** sha256 of the up script exactly as embedded; recorded in schema_version when applied. */
  checksum: string;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

const FOLDER = /(?:^|\/)(\d{4})_([a-z0-9_]+)\/(up|down)\.sql$/;

/**
 * Builds the ordered migration list from `path → contents` pairs (as `import.meta.glob` gives
 * them). Throws on a malformed set: a missing up or down script, a duplicate or a gap in the
 * numbering. Those are defects of the build, never of a user's database.
 */
export function migrationsFromFiles(files: Record<string, string>): Migration[] {
  const byVersion = new Map<number, { name: string; up?: string; down?: string }>();
  for (const [path, contents] of Object.entries(files)) {
    const match = FOLDER.exec(path.replace(/\\/g, '/'));
    if (!match) throw new Error(`Unexpected migration file ${path}: expected migrations/NNNN_name/up.sql or down.sql`);
    const version = Number(match[1]);
    const name = match[2] as string;
    const entry = byVersion.get(version) ?? { name };
    if (entry.name !== name) throw new Error(`Two migrations share version ${version}: ${entry.name} and ${name}`);
    entry[match[3] as 'up' | 'down'] = contents;
    byVersion.set(version, entry);
  }
  const versions = [...byVersion.keys()].sort((a, b) => a - b);
  return versions.map((version, index) => {
    const entry = byVersion.get(version)!;
    if (version !== index + 1) throw new Error(`Migration numbering has a gap: expected ${index + 1}, found ${version}`);
    if (entry.up === undefined || entry.down === undefined) {
      throw new Error(`Migration ${version}_${entry.name} needs both up.sql and down.sql`);
    }
    return { version, name: entry.name, up: entry.up, down: entry.down, checksum: checksumOf(entry.up) };
  });
}
