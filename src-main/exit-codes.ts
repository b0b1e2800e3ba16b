/**
 * Exit codes of the app when the catalog cannot be used at startup, one per refusal, so a script
 * or a support person can tell them apart without the dialog. 0 is a normal quit; 1 is anything
 * unforeseen. No electron import (../index.ts uses it; tests compare with it).
 */
import type { ErrorCode } from '../src-shared/errors';

export const STARTUP_EXIT_CODES = {
  DatabaseNewerThanApp: 3,
  MigrationHistoryMismatch: 4,
  MigrationFailed: 5,
  Corrupt: 6,
  NotACatalog: 7,
  ReadOnly: 8,
  DiskFull: 9,
  Busy: 10,
  ForeignSidecar: 11,
  BackupFailed: 12,
} as const satisfies Partial<Record<ErrorCode, number>>;

export function startupExitCode(code: ErrorCode): number {
  return (STARTUP_EXIT_CODES as Partial<Record<ErrorCode, number>>)[code] ?? 1;
}
