import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('mimir', {});
