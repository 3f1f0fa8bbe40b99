// The other readings of the API docs the emulator can play, one name each, so the client is tested against every one.

/** Each variant switches one point where the docs contradict themselves or say nothing (docs/raydocs-api.md §12, §15). */
export const VARIANTS = [
  'php-empty-arrays',
  'simple-pagination',
  'cursor-pagination',
  'no-sha-in-lists',
  'batch-order-reversed',
  'short-key-lifetime',
  'consumed-keys',
  'cfg-config-hash',
  'document-status-stays-uploaded',
  'strict-content-types',
  'slow-attach',
  'vapor-signed-url',
  'g1-field-names',
  'string-workspace-ids',
  'strict-attach',
  'no-retry-after',
  'prose-batch-export',
  'run-failure-reason',
] as const;

export type Variant = (typeof VARIANTS)[number];

/** Variants that cannot be played together (one list is paginated one way). */
export const INCOMPATIBLE: ReadonlyArray<readonly [Variant, Variant]> = [['simple-pagination', 'cursor-pagination']];

export function isVariant(name: string): name is Variant {
  return (VARIANTS as readonly string[]).includes(name);
}

/** Parses `a,b,c` (spaces allowed); throws naming the unknown or clashing names. */
export function parseVariants(raw: string | undefined | null): Variant[] {
  const names = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !isVariant(n));
  if (unknown.length) throw new Error(`unknown variant${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${VARIANTS.join(', ')}`);
  const list = [...new Set(names)] as Variant[];
  checkCompatible(list);
  return list;
}

export function checkCompatible(list: readonly Variant[]): void {
  for (const [a, b] of INCOMPATIBLE) if (list.includes(a) && list.includes(b)) throw new Error(`variants ${a} and ${b} cannot be played together`);
}

/** Every variant that can be played with all the others: the "all together" run of the matrix. */
export function allCompatible(): Variant[] {
  return VARIANTS.filter((v) => v !== 'cursor-pagination');
}

/**
 * The variants a test run plays when a test does not choose: none, unless RAYDOCS_EMULATOR_VARIANTS lists some
 * (the variant matrix sets it to run the suites once per reading).
 */
export function defaultVariants(): Variant[] {
  return parseVariants(process.env.RAYDOCS_EMULATOR_VARIANTS);
}
