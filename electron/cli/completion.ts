// `completion bash|zsh|fish`: scripts built from the parser's own table, so a new option completes without a second list.
import { assertNever } from '../../shared/assert-never';
import { ALLOWED, type Shell } from './args';

const GLOBAL_FLAGS = ['--api-url', '--profile', '--json', '--quiet', '--verbose', '--help', '--version'];
const TOP = [...new Set(Object.keys(ALLOWED).map((k) => k.split(' ')[0]!)), 'help'];
const SUB: Record<string, string[]> = { sessions: ['new', 'show', 'list'], results: ['show'], completion: ['bash', 'zsh', 'fish'] };

/** Every option of a top-level command (its subcommands' too), with the global ones. */
function flagsOf(command: string): string[] {
  const own = Object.entries(ALLOWED)
    .filter(([key]) => key === command || key.startsWith(`${command} `))
    .flatMap(([, opts]) => opts.map((o) => `--${o}`));
  return [...new Set([...own, ...GLOBAL_FLAGS])];
}

function bash(): string {
  const cases = TOP.map((c) => `    ${c}) opts="${[...(SUB[c] ?? []), ...flagsOf(c)].join(' ')}" ;;`).join('\n');
  return `# bash completion for raydocs-upload: source <(raydocs-upload completion bash)
_raydocs_upload() {
  local cur cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  cmd="\${COMP_WORDS[1]}"
  if [ "\${COMP_CWORD}" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${TOP.join(' ')} ${GLOBAL_FLAGS.join(' ')}" -- "\${cur}") )
    return 0
  fi
  case "\${cmd}" in
${cases}
    *) opts="${GLOBAL_FLAGS.join(' ')}" ;;
  esac
  if [[ "\${cur}" == -* ]] || [ -n "\${opts}" ]; then
    COMPREPLY=( $(compgen -W "\${opts}" -- "\${cur}") $(compgen -f -- "\${cur}") )
  fi
  return 0
}
complete -o filenames -F _raydocs_upload raydocs-upload
`;
}

function zsh(): string {
  const cases = TOP.map((c) => `    ${c}) opts=(${[...(SUB[c] ?? []), ...flagsOf(c)].join(' ')}) ;;`).join('\n');
  return `#compdef raydocs-upload
# zsh completion for raydocs-upload: raydocs-upload completion zsh > "\${fpath[1]}/_raydocs-upload"
_raydocs_upload() {
  local -a opts
  if (( CURRENT == 2 )); then
    compadd -- ${TOP.join(' ')} ${GLOBAL_FLAGS.join(' ')}
    return
  fi
  case "\${words[2]}" in
${cases}
    *) opts=(${GLOBAL_FLAGS.join(' ')}) ;;
  esac
  compadd -- "\${opts[@]}"
  _files
}
compdef _raydocs_upload raydocs-upload
`;
}

function fish(): string {
  const lines = [
    '# fish completion for raydocs-upload: raydocs-upload completion fish | source',
    `complete -c raydocs-upload -n '__fish_use_subcommand' -f -a '${TOP.join(' ')}'`,
  ];
  for (const c of TOP) {
    if (SUB[c]) lines.push(`complete -c raydocs-upload -n '__fish_seen_subcommand_from ${c}' -f -a '${SUB[c]!.join(' ')}'`);
    for (const f of flagsOf(c)) lines.push(`complete -c raydocs-upload -n '__fish_seen_subcommand_from ${c}' -l ${f.slice(2)}`);
  }
  return lines.join('\n') + '\n';
}

export function completionScript(shell: Shell): string {
  switch (shell) {
    case 'bash':
      return bash();
    case 'zsh':
      return zsh();
    case 'fish':
      return fish();
    default:
      return assertNever(shell, 'shell');
  }
}
