// What the window is told about an app update (the `update:changed` event): main decides, the page only shows it.
import { z } from 'zod';

export type UpdateView =
  | { status: 'none' }
  | { status: 'downloading'; version: string; percent: number }
  /** `waitingFor`: uploads still in flight; the update never restarts the app before they are 0. */
  | { status: 'ready'; version: string; waitingFor: number };

const version = z.string().min(1).max(64);

export const updateViewSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('none') }),
  z.strictObject({ status: z.literal('downloading'), version, percent: z.number().min(0).max(100) }),
  z.strictObject({ status: z.literal('ready'), version, waitingFor: z.number().int().min(0) }),
]) satisfies z.ZodType<UpdateView>;
