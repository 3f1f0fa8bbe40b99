// PLACEHOLDER until the contract lands: the API types the IPC contract needs.
export interface Workspace { id: number; name: string }
export interface Template { id: string; name: string }
export interface Session { id: string; name: string }
export interface WorkspaceDocument { id: string; filename: string; status: string }
export interface ExtractionResult { id: string; status: string }
export interface Paginated<T> { data: T[]; meta: { current_page: number; last_page: number; per_page: number; total: number } }
