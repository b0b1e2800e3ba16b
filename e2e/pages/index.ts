export { AppShell, KIND_TITLES } from './AppShell';
export { ListPage } from './ListPage';
export { BackupsDialog } from './BackupsPage';
