// Preload (placeholder until the shell lands).
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('raydocs', {});
