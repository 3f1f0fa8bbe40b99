// The engine's front door: everything outside electron/core/engine imports the engine from here, never its modules
// (eslint.config.js enforces it), so the parts behind it can be split, merged or renamed without touching callers.
export { createEngine } from './engine';
export { every, realClock, type Clock, type TimerHandle } from './clock';
/** The production retry schedule and budget (docs/engine.md). */
export { DEFAULT_RETRY } from './retry-policy';
export { ReparseError } from './controls';
export type { EngineOptions, UploadEngine } from './options';
export type { CallOptions, EngineClient } from './client-port';
export type { DocLike } from './doc-status';
export { nothingToReparse, parseUnderWay, parsingsOf, reparseConfigHash, sessionHashForReparse } from './doc-status';
export { TARGET_REFUSAL_CODES, type TargetRefusalCode } from './failures';
export { targetKey } from './work';
/** Files of at least this size are looked up in the workspace by sha256 before an upload (docs/engine.md). */
export { LOOKUP_MIN_BYTES } from './workspace-docs';
export { hashFile } from './hasher';
export { putHeaders, UploadError, type UploadErrorCode } from './uploader';
