/** The database core: runs identically under Node (tests, CLI, benchmarks) and in the app. */
export * from './backup';
export * from './catalog';
export * from './connection';
export * from './integrity';
export * from './migrations';
export * from './repository';
export * from './sqlite-errors';
export * from './startup';
export * from '../../src-shared/validation';
