// Lists functions longer than N lines (default 60) and, with --files, files longer than M lines (default 250): the size
// limits of issue 13, which a function or file may pass only with a stated reason ("// Past 60 lines …" above it).
//
//   npx tsx scripts/long-functions.ts [--max 60] [--files [250]] [--check] [dir or file …]   (default: electron/core)
//
// Every function declaration, method, constructor, accessor, function expression and arrow function is measured from
// its first line to its last (doc comments excluded, nested functions counted in their parent too). A reason is a
// comment matching /Past \d+ lines/ just above the function or the statement holding it (`const f = () => …`).
// A factory (`createX`, `openX`) is its module's scope, as docs/architecture.md ("Sizes") says: it is measured by its own
// lines, those outside the functions it holds, which are measured on their own.
// --check exits 1 when something is over its limit without a reason.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const REASON = /\bPast \d+ lines\b/i;

export interface Finding {
  file: string;
  line: number;
  lines: number;
  name: string;
  /** The stated reason's comment, or null. */
  reason: string | null;
  /** A factory's own lines (outside the functions inside it), when it was measured so. */
  own?: number;
}

const FACTORY = /^(create|open)[A-Z]/;

/** Lines of `node` not inside a function nested in it (each nested function counts once, however deep). */
function ownLines(node: ts.Node, sf: ts.SourceFile): number {
  const total = lineOf(sf, node.getEnd()) - lineOf(sf, node.getStart(sf)) + 1;
  let nested = 0;
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) && n.body) {
      // A one-line arrow shares its line with the code around it: only the lines it adds are taken off.
      nested += lineOf(sf, n.getEnd()) - lineOf(sf, n.getStart(sf));
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(node, visit);
  return total - nested;
}

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return /\.(c|m)?ts$/.test(path) && !path.endsWith('.d.ts') ? [path] : [];
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => sourceFiles(join(path, e.name)));
}

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node)
  );
}

function nameText(name: ts.PropertyName | ts.BindingName | undefined, sf: ts.SourceFile): string | null {
  if (!name) return null;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return name.getText(sf);
}

/** The function's own name, or the name it is bound to (`const f = () => …`, `{ f: () => … }`, a class field). */
function ownName(node: ts.Node, sf: ts.SourceFile): string | null {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (isFunctionLike(node) && node.name) return nameText(node.name, sf);
  const parent = node.parent;
  if (isFunctionLike(node) && parent) {
    if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return nameText(parent.name, sf);
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      const callee = parent.expression.getText(sf).replace(/\s+/g, ' ');
      return `<callback of ${callee.length > 40 ? `${callee.slice(0, 39)}…` : callee}>`;
    }
    return '<anonymous>';
  }
  if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) return node.name?.text ?? '<class>';
  return null;
}

/** `Outer.inner` through enclosing classes and functions. */
function qualifiedName(node: ts.Node, sf: ts.SourceFile): string {
  const parts: string[] = [];
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    if (n === node || isFunctionLike(n) || ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
      const name = ownName(n, sf);
      if (name) parts.unshift(name);
    }
  }
  return parts.join('.');
}

function commentsAbove(node: ts.Node, text: string): string[] {
  return (ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []).map((r) => text.slice(r.pos, r.end));
}

/** A `Past N lines` comment on the function, or on the declaration or statement that holds it. */
function statedReason(node: ts.Node, sf: ts.SourceFile): string | null {
  const text = sf.text;
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    const found = commentsAbove(n, text).find((c) => REASON.test(c));
    if (found) return found.replace(/^\/\/\s*|^\/\*+\s*|\s*\*\/$/g, '').trim();
    // Stop at the first statement or class member: a reason further out is about something else.
    if (n !== node && (ts.isStatement(n) || ts.isClassElement(n) || ts.isPropertyAssignment(n))) break;
  }
  return null;
}

function lineOf(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}

export function longFunctions(files: string[], max: number): Finding[] {
  const out: Finding[] = [];
  for (const path of files) {
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (isFunctionLike(node) && node.body) {
        const line = lineOf(sf, node.getStart(sf));
        const lines = lineOf(sf, node.getEnd()) - line + 1;
        const name = qualifiedName(node, sf);
        const own = FACTORY.test(ownName(node, sf) ?? '') ? ownLines(node, sf) : undefined;
        if ((own ?? lines) > max) out.push({ file: relative(ROOT, path), line, lines, name, reason: statedReason(node, sf), ...(own === undefined ? {} : { own }) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

export function longFiles(files: string[], max: number): Finding[] {
  const out: Finding[] = [];
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines <= max) continue;
    // The reason for a file sits in its opening comment block.
    const head = text.split('\n').slice(0, 10).find((l) => l.startsWith('//') && REASON.test(l));
    out.push({ file: relative(ROOT, path), line: 1, lines, name: '(file)', reason: head ? head.replace(/^\/\/\s*/, '') : null });
  }
  return out;
}

function parseArgs(argv: string[]): { max: number; fileMax: number | null; check: boolean; paths: string[] } {
  let max = 60;
  let fileMax: number | null = null;
  let check = false;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg === '--max' || arg === '-n') {
      max = Number(next);
      i++;
      if (!Number.isInteger(max) || max < 1) throw new Error(`--max wants a whole number of lines, not ${next}`);
    } else if (arg === '--files') {
      const n = next !== undefined && /^\d+$/.test(next) ? Number(next) : null;
      fileMax = n ?? 250;
      if (n !== null) i++;
    } else if (arg === '--check') check = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else paths.push(arg);
  }
  return { max, fileMax, check, paths: paths.length > 0 ? paths : ['electron/core'] };
}

function print(findings: Finding[], title: string): void {
  const stated = findings.filter((f) => f.reason !== null).length;
  console.log(`${title}: ${findings.length} (${findings.length - stated} without a reason, ${stated} with one)`);
  for (const f of findings) {
    const where = `${f.file}:${f.line}`;
    const own = f.own === undefined ? '' : ` (factory: ${f.own} own lines)`;
    console.log(`  ${where.padEnd(52)} ${String(f.lines).padStart(4)}  ${f.name}${own}${f.reason ? `  [reason: ${f.reason}]` : ''}`);
  }
}

function main(): void {
  const { max, fileMax, check, paths } = parseArgs(process.argv.slice(2));
  const files = paths.flatMap((p) => sourceFiles(resolve(ROOT, p)));
  const functions = longFunctions(files, max);
  print(functions, `functions over ${max} lines in ${paths.join(', ')}`);
  const bigFiles = fileMax === null ? [] : longFiles(files, fileMax);
  if (fileMax !== null) print(bigFiles, `files over ${fileMax} lines`);
  if (check && [...functions, ...bigFiles].some((f) => f.reason === null)) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
