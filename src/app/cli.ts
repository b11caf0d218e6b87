import { openStorage } from '../adapters/db/storage';
import { ConfigError, loadConfig } from './config';
import { missingForServe } from '../services/settings/env';
import { redactDatabaseUrl } from '../services/settings/database-url';
import { stopOnSignals } from './signals';
import { startDutyloop } from './start';

interface Command {
  usage: string;
  summary: string;
  run(args: string[]): Promise<number | undefined>;
  /** Further forms of the same command, listed under it in --help. */
  more?: { usage: string; summary: string }[];
}

/** CLI commands. An area adds its own here (`demo`, `token`, `schedule`…). */
export const commands: Record<string, Command> = {
  serve: {
    usage: 'serve',
    summary: 'run dutyloop: migrate, then serve Slack, the API and the dashboard on PORT',
    async run() {
      const config = loadConfig(process.env, missingForServe);
      const running = await startDutyloop({ config, mode: 'serve' });
      stopOnSignals(running.stop);
      return undefined;
    },
  },
  migrate: {
    usage: 'migrate',
    summary: 'apply the database migrations and exit',
    more: [
      {
        usage: 'migrate --from file:<path> --to postgres://…',
        summary: 'copy a SQLite deployment into an empty PostgreSQL database, then compare every table’s count',
      },
    ],
    async run(args) {
      if (args.includes('--from') || args.some((a) => a.startsWith('--from='))) {
        const { runCopyCommand } = await import('./copy-command');
        return runCopyCommand(args);
      }
      const config = loadConfig(process.env);
      const storage = await openStorage(config.env.databaseUrl, { poolSize: 1 });
      await storage.close();
      console.log(`migrations applied to ${redactDatabaseUrl(config.env.databaseUrl)} (${storage.engine})`);
      for (const warning of storage.warnings) console.error(`warning: ${warning}`);
      return 0;
    },
  },
  demo: {
    usage: 'demo [--host H]',
    summary:
      'seed a sample organisation into a fresh SQLite file (data/demo.db) and serve the dashboard and API — no Slack needed; listens on 127.0.0.1 unless --host (e.g. --host 0.0.0.0)',
    async run(args) {
      const { runDemoCommand } = await import('./demo/run-demo');
      await runDemoCommand(args);
      return undefined;
    },
  },
  token: {
    usage: 'token create --name <name>',
    summary: 'print a new API token for POST /api/tickets once (only its hash is stored)',
    more: [
      { usage: 'token list', summary: 'list API tokens: id, name, created, last used, revoked (never the token)' },
      { usage: 'token revoke <name|id>', summary: 'revoke an API token; requests with it get 401 at once' },
    ],
    async run(args) {
      const { runTokenCommand } = await import('./token-command');
      return runTokenCommand(args);
    },
  },
  calendar: {
    usage: 'calendar rotate',
    summary: 'print a new iCal feed URL once (only its hash is stored); the previous URL stops working',
    async run(args) {
      const { runCalendarCommand } = await import('./token-command');
      return runCalendarCommand(args);
    },
  },
  schedule: {
    usage: 'schedule [n]',
    summary: 'print the coming n duty periods (default 8)',
    async run(args) {
      const { printSchedule } = await import('./schedule-command');
      return printSchedule(Number.parseInt(args[0] ?? '8', 10) || 8);
    },
  },
};

function usage(): string {
  const lines = Object.values(commands).flatMap((c) => [c, ...(c.more ?? [])]);
  const width = Math.max(...lines.map((c) => c.usage.length));
  return [
    'usage: dutyloop <command>',
    '',
    ...lines.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from environment variables and config/dutyloop.yaml (see README.md).',
  ].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    process.exitCode = name ? 0 : 2;
    return;
  }
  const command = commands[name];
  if (!command) {
    console.error(`dutyloop: unknown command "${name}"\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  try {
    const code = await command.run(args);
    if (typeof code === 'number') process.exitCode = code;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exitCode = 1;
      return;
    }
    console.error(`dutyloop ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
