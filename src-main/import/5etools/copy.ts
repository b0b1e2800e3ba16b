/**
 * Kept for the per-kind mappers until the pipeline calls `resolveDataSet` (resolve/index.ts)
 * once for the whole data set; the copy machinery itself lives in `resolve/`.
 */
export { applyMods, CopyError, expandVersions, resolveCopies } from './resolve/legacy-copy';
