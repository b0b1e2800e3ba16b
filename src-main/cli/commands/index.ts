/** Every `npm run db` command, in the order `--help` lists them. */
import { backup } from './backup';
import { backups } from './backups';
import { call } from './call';
import { check } from './check';
import type { Command } from './command';
import { import5etoolsCommand } from './import-5etools';
import { migrate } from './migrate';
import { redo } from './redo';
import { restore } from './restore';
import { rollback } from './rollback';
import { status } from './status';

export type { Command, CommandContext } from './command';

export const commands: readonly Command[] = [status, migrate, rollback, redo, check, backup, backups, restore, import5etoolsCommand, call];
