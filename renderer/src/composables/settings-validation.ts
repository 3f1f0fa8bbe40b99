// Reads the settings screen's number fields: a value out of range says the range and is not saved.
import { SETTING_LIMITS } from '../../../shared/settings';
import { SETTINGS_WORDS, wholeNumberRange } from './settings-words';

export type FieldCheck = { ok: true; value: number } | { ok: false; message: string };

/** Largest KB/s the field takes: the stored limit is bytes per second. */
export const SPEED_LIMIT_MAX_KB = Math.floor(SETTING_LIMITS.bandwidthLimitBps.max / 1024);

function wholeNumber(text: string, label: string, min: number, max: number): FieldCheck {
  const trimmed = text.trim();
  const n = Number(trimmed);
  if (trimmed === '' || !Number.isInteger(n) || n < min || n > max) {
    return { ok: false, message: wholeNumberRange(label, min, max) };
  }
  return { ok: true, value: n };
}

export function checkConcurrency(text: string): FieldCheck {
  return wholeNumber(text, SETTINGS_WORDS.concurrency, SETTING_LIMITS.concurrency.min, SETTING_LIMITS.concurrency.max);
}

/** Shown in KB/s (what speed tests show); the value returned is bytes per second, 0 for no limit. */
export function checkSpeedLimit(text: string): FieldCheck {
  const kb = wholeNumber(text, SETTINGS_WORDS.speedLimit, 0, SPEED_LIMIT_MAX_KB);
  return kb.ok ? { ok: true, value: kb.value * 1024 } : kb;
}
