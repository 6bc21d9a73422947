/**
 * lookback — command-line tools that need no database: draw, verify, route, demo.
 * Usage: npm run -s lookback -- <command> [options]
 */
import { parseArgs } from 'node:util';

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<Parameters<typeof parseArgs>[0]>['options'];
  run(values: Record<string, string | boolean | undefined>): Promise<number>;
}

const commands: Record<string, () => Promise<{ default: Command }>> = {
  draw: () => import('./commands/draw.js'),
  verify: () => import('./commands/verify.js'),
  route: () => import('./commands/route.js'),
  demo: () => import('./commands/demo.js'),
};

function help(): string {
  return ['Usage: npm run -s lookback -- <command> [options]', '', 'Commands: ' + Object.keys(commands).join(', ')].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(help() + '\n');
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n${help()}\n`);
    return 2;
  }
  const command = (await load()).default;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nUsage: ${command.usage}\n`);
    return 2;
  }
  try {
    return await command.run(values);
  } catch (error) {
    process.stderr.write(`lookback ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
