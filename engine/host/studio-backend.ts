/**
 * What a host (Electron main, web host) needs to serve `window.studio`: handlers for every studio method,
 * the event stream to forward to windows, the file registry, and where exports live on disk.
 * Implemented by `createStudioBackend` (studio-backend-impl.ts) on top of an engine connection.
 */
import type { Handlers, StudioMethods, ExportInfo } from '../../contract/methods.ts';
import type { FileRegistry } from './file-registry.ts';

export interface StudioBackend {
  handlers: Handlers<StudioMethods>;
  /** Every engine event (`job`, `engine`), to be forwarded to every connected window. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  files: FileRegistry;
  /** Absolute path of an export file, for a save dialog (Electron) or a download (web host). */
  locateExport(id: string): Promise<{ path: string; info: ExportInfo }>;
  /** The workspace folder (uploads go into its `.uploads/`). */
  workspaceDir: string;
  dispose(): Promise<void>;
}
