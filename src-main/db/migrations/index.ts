export * from './migration';
export * from './runner';
export { embeddedMigrations, latestVersion } from './embedded';
