// Human units for sizes, speeds, durations, counts and dates, shared by every screen, in the person's locale.

/** The browser's locale (the person's), never a fixed one; undefined lets Intl pick its default. */
export function userLocale(): string | undefined {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : undefined;
}

// toLocaleString with options builds a formatter on every call (a tenth of a millisecond): every visible row formats
// its size on each render, so formatters are built once per locale and options.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(digits: number | null): Intl.NumberFormat {
  const locale = userLocale();
  const key = `${locale ?? ''}|${digits ?? 'count'}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, digits === null ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
    formatters.set(key, f);
  }
  return f;
}

/** A number with a fixed count of decimals, in the person's locale ("1.5" or "1,5"); no grouping below 1024 of a unit. */
function decimal(value: number, digits: number): string {
  return numberFormat(digits).format(value);
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1536 → "1.5 KB". Decimal-free below 10 of a unit would hide progress, so one decimal is kept under 100. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${decimal(Math.round(value), 0)} B`;
  const digits = value < 100 ? 1 : 0;
  return `${decimal(value, digits)} ${BYTE_UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** 75 → "1 min 15 s"; 3700 → "1 h 2 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 1) return 'less than a second';
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) {
    const rest = s % 60;
    return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
  }
  const hours = Math.floor(minutes / 60);
  const restMin = minutes % 60;
  return restMin === 0 ? `${hours} h` : `${hours} h ${restMin} min`;
}

export function formatEta(seconds: number | null): string {
  return seconds == null ? '' : `${formatDuration(seconds)} left`;
}

export function formatCount(n: number): string {
  return numberFormat(null).format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** 0..1 → integer percent, clamped, never NaN. */
export function percent(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/** "3 s ago", "5 min ago" for timestamps in ms. */
export function formatAgo(at: number, now = Date.now()): string {
  const diff = Math.max(0, (now - at) / 1000);
  if (diff < 5) return 'just now';
  return `${formatDuration(diff)} ago`;
}

/** A moment as the person's locale writes a date and time ("4 Dec 2026, 18:20", "Dec 4, 2026, 6:20 PM"). */
export function formatDateTime(at: number): string {
  return new Intl.DateTimeFormat(userLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
