/** Shapes of database-level reports, shared by the database core, the CLI and the IPC API. */

export interface ForeignKeyProblem {
  table: string;
  rowid: number | null;
  parent: string;
}

export interface DriftIssue {
  table: string;
  kind:
    | 'missing-table'
    | 'extra-table'
    | 'missing-column'
    | 'extra-column'
    | 'column-type'
    | 'column-not-null'
    | 'column-primary-key'
    | 'column-generated'
    | 'missing-index'
    | 'extra-index'
    | 'index-definition'
    | 'missing-trigger'
    /** A CHECK's list of allowed values (or 0/1 of a boolean) differs from the table's declaration. */
    | 'check-values'
    | 'column-default'
    | 'generated-expression';
  detail: string;
}

export interface IntegrityReport {
  ok: boolean;
  /** `ok` or SQLite's list of problems. */
  pages: string[];
  foreignKeys: ForeignKeyProblem[];
  drift: DriftIssue[];
}

export interface DbStatus {
  file: string;
  readonly: boolean;
  /** Applied schema version and the newest one this build knows. */
  schemaVersion: number;
  latestVersion: number;
  /** Rows per catalog table, keyed like the API (`spells`, `ruleSystems` …). */
  counts: Record<string, number>;
}
