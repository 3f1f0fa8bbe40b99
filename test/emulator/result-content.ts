// What a completed run extracted: a value per template field that looks like what the field asks for, one source
// each (a page within a document of the run), and a readable title; the same for the same result id, every time.
import { createHash } from 'node:crypto';
import { createRng, type Rng } from './prng';
import type { DocumentRec, ResultRec, TemplateRec, World } from './state';

export type FieldValue = string | number;

export interface FieldAudit {
  reasoning: string;
  sources: Array<{ chunk_id: string; text: string; page: number }>;
}

export interface ResultContent {
  title: string;
  data: Record<string, Record<string, FieldValue>>;
  audit: Record<string, Record<string, FieldAudit>>;
  /** Which document each field's source is in (its filename): for the export's Audit sheet, not part of the JSON. */
  sourceFile: Record<string, Record<string, string | null>>;
}

/** A stand-in page count: documents carry no pages here, so size decides (about 50 kB a page, 1 to 40). */
export function pageCount(doc: DocumentRec): number {
  return Math.min(40, Math.max(1, Math.ceil(doc.size / 50_000)));
}

function seedOf(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0);
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

const COMPANIES = ['Acme Supplies Ltd', 'Northwind Traders', 'Globex GmbH', 'Initech SARL', 'Umbrella Logistics', 'Stark Office Furniture', 'Wayne Paper Co.'];
const PEOPLE = ['Jane Martin', 'Oliver Schmidt', 'Amélie Durand', 'Kenji Watanabe', 'Sofia Rossi', 'Lucas Moreau'];
const MERCHANTS = ['Café Lumière', 'Hotel Bellevue', 'City Taxi 24', 'Office Depot', 'Rail Europe', 'Le Petit Bistro'];
const CARRIERS = ['DHL Express', 'UPS', 'DPD', 'GLS', 'FedEx'];
const RENEWALS = ['Automatic, 12 months', 'Automatic, 24 months', 'None: ends on the end date', 'On written notice, 3 months'];

function date(rng: Rng): string {
  return `2026-${pad(int(rng, 1, 12), 2)}-${pad(int(rng, 1, 28), 2)}`;
}

/** A value shaped after the field's name: dates, amounts, numbers, ids, names; otherwise a short phrase. */
function valueFor(field: string, group: string, rng: Rng): FieldValue {
  const f = field.toLowerCase();
  if (/date|_on$|^on$/.test(f)) return date(rng);
  if (/total|amount|price|subtotal|tax|sum|cost/.test(f)) return Math.round(int(rng, 1_500, 950_000)) / 100;
  if (/invoice/.test(f) || (f === 'number' && /invoice/.test(group))) return `INV-2026-${pad(int(rng, 1, 9999), 4)}`;
  if (/tracking/.test(f)) return `1Z${pad(int(rng, 0, 999), 3)}AA${pad(int(rng, 0, 99_999_999), 8)}`;
  if (/vat|tax_id|siret/.test(f)) return `FR${pad(int(rng, 10, 99), 2)}${pad(int(rng, 0, 999_999_999), 9)}`;
  if (/merchant|shop|store/.test(f)) return pick(rng, MERCHANTS);
  if (/carrier/.test(f)) return pick(rng, CARRIERS);
  if (/party|signatory|person|contact/.test(f)) return pick(rng, [...PEOPLE, ...COMPANIES]);
  if (/name|supplier|vendor|company|customer/.test(f)) return pick(rng, COMPANIES);
  if (/renewal/.test(f)) return pick(rng, RENEWALS);
  if (/title|subject/.test(f)) return pick(rng, ['Service agreement', 'Purchase order', 'Delivery note', 'Annual statement']);
  if (/number|_no$|count|quantity/.test(f)) return int(rng, 1, 500);
  return `${field.replace(/_/g, ' ')} ${int(rng, 1, 99)}`;
}

const label = (field: string): string => {
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The title a person would give the run: the template's kind, its identifying value, and what it covered. */
function titleFor(template: TemplateRec, data: ResultContent['data'], docs: DocumentRec[]): string {
  const kind = template.name.replace(/s$/, '');
  const values = Object.values(data).flatMap((g) => Object.entries(g));
  const id = values.find(([f]) => /number|invoice|tracking/.test(f))?.[1];
  const who = values.find(([f]) => /name|merchant|supplier|carrier|party/.test(f))?.[1];
  const head = [kind, id, who === undefined ? null : `from ${who}`].filter((x) => x !== undefined && x !== null).join(' ');
  const first = docs[0]?.filename ?? 'no document';
  return docs.length > 1 ? `${head} (${first} and ${docs.length - 1} more)` : `${head} (${first})`;
}

/** The extraction of a completed run, built from its template's fields and the documents it snapshotted. */
export function resultContent(world: World, r: ResultRec): ResultContent | null {
  const session = world.sessions.get(r.sessionId);
  const template = session && world.templates.get(session.templateId);
  if (!template) return null;
  const docs = r.documentIds.map((id) => world.documents.get(id)).filter((d): d is DocumentRec => d !== undefined);
  const rng = createRng(seedOf(r.id));
  const data: ResultContent['data'] = {};
  const audit: ResultContent['audit'] = {};
  const sourceFile: ResultContent['sourceFile'] = {};
  let chunk = 0;
  for (const [group, fields] of Object.entries(template.groups)) {
    data[group] = {};
    audit[group] = {};
    sourceFile[group] = {};
    for (const field of fields) {
      const value = valueFor(field, group, rng);
      data[group][field] = value;
      const doc = docs.length > 0 ? pick(rng, docs) : null;
      const page = doc ? int(rng, 1, pageCount(doc)) : 1;
      sourceFile[group][field] = doc?.filename ?? null;
      chunk += 1;
      audit[group][field] = {
        reasoning: doc
          ? `"${label(field)}" is stated on page ${page} of ${doc.filename}.`
          : `No document held a "${label(field)}"; the value is the template's best guess.`,
        sources: [{ chunk_id: `chunk_${(doc?.id ?? r.id).slice(0, 8)}_${pad(chunk, 3)}`, text: `${label(field)}: ${String(value)}`, page }],
      };
    }
  }
  return { title: titleFor(template, data, docs), data, audit, sourceFile };
}
