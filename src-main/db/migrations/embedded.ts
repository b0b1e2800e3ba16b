/**
 * The migrations of this build. Vite inlines every `migrations/NNNN_name/*.sql` file as a string
 * at build time (and vite-node/vitest do the same when running from source), so the app never
 * reads migration files from disk at run time.
 */
import { migrationsFromFiles, type Migration } from './migration';

const files = import.meta.glob<string>('../../../migrations/*/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const embeddedMigrations: readonly Migration[] = migrationsFromFiles(files);

export const latestVersion: number = embeddedMigrations.length;
