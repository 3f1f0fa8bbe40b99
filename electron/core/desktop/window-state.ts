// Remembers the window's size and position, and puts it back only where a display still shows it.
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect | null;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1100, height: 760 };
export const MIN_SIZE = { width: 720, height: 520 };

const rectSchema = z.object({ x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() });
const stateSchema = z.object({ bounds: rectSchema.nullable(), maximized: z.boolean() });

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The bounds to open with: the saved ones if enough of the window (its title bar area included) lands on a
 * current display, clamped to that display's size; otherwise just a default size (the OS centres it).
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rect[]): Partial<Rect> & { width: number; height: number } {
  const b = saved?.bounds;
  if (!b) return { ...DEFAULT_SIZE };
  const best = workAreas.map((area) => ({ area, o: overlap(b, area) })).sort((x, y) => y.o - x.o)[0];
  // Off every display (a monitor was unplugged): keep the size, let the OS place it.
  if (!best || best.o < Math.min(b.width * b.height * 0.25, 100 * 100)) return fit({ width: b.width, height: b.height }, workAreas[0]);
  const width = Math.max(MIN_SIZE.width, Math.min(b.width, best.area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(b.height, best.area.height));
  const x = Math.min(Math.max(b.x, best.area.x), best.area.x + best.area.width - width);
  const y = Math.min(Math.max(b.y, best.area.y), best.area.y + best.area.height - height);
  return { x, y, width, height };
}

function fit(size: { width: number; height: number }, area: Rect | undefined): { width: number; height: number } {
  const w = area ? Math.min(size.width, area.width) : size.width;
  const h = area ? Math.min(size.height, area.height) : size.height;
  return { width: Math.max(MIN_SIZE.width, w), height: Math.max(MIN_SIZE.height, h) };
}

export function loadWindowState(userDataDir: string): WindowState | null {
  return readJsonFile(join(userDataDir, WINDOW_STATE_FILE), stateSchema);
}

export function saveWindowState(userDataDir: string, state: WindowState): void {
  writeJsonFile(join(userDataDir, WINDOW_STATE_FILE), state);
}
