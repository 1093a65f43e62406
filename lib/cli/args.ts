// Tiny argv parser shared by the CLIs: `--flag value`, `--flag=value`, repeated flags, booleans.
export type ParsedArgs = { flags: Map<string, string[]>; positional: string[] };

export function parseArgs(argv: string[], booleanFlags: readonly string[] = []): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--") {
      positional.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    let value = inline;
    if (value === undefined) value = booleanFlags.includes(name) ? "true" : argv[++index];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { flags, positional };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

/** Prints a message without a stack trace and exits; for errors a person can act on. */
export function die(message: string, code = 1): never {
  console.error(`error: ${message}`);
  process.exit(code);
}
