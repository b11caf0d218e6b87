import { z } from 'zod';
import { databaseUrlProblem } from './database-url';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (name: string) =>
  z
    .string()
    .trim()
    .url({ message: `${name} must be a URL, e.g. https://example.com/` });

/** The environment variables of DESIGN.md ("External contract"). */
export const envSchema = z
  .object({
    SLACK_BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^xox[bp]-/, 'must start with xoxb- (a bot token)')
        .optional(),
    ),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^xapp-/, 'must start with xapp- (an app-level token)')
        .optional(),
    ),
    SLACK_API_URL: optionalString.pipe(url('SLACK_API_URL').optional()),
    // "Sign in with Slack" for the dashboard (the app's Basic Information page); without them the dashboard cannot sign anyone in.
    SLACK_CLIENT_ID: optionalString.pipe(
      z
        .string()
        .regex(/^\d+\.\d+$/, "must look like 1234567890.1234567890 (the app's Client ID)")
        .optional(),
    ),
    SLACK_CLIENT_SECRET: optionalString,
    // Least time between two messages to one channel; Slack allows about one a second (Enterprise Grid may allow more).
    SLACK_POST_INTERVAL_MS: optionalString.pipe(
      z
        .string()
        .regex(/^\d+$/, 'must be a whole number of milliseconds, e.g. 1100')
        .transform(Number)
        .pipe(z.number().max(60_000, 'must be at most 60000 (one message a minute)'))
        .optional(),
    ),
    DATABASE_URL: optionalString.superRefine((v, c) => {
      const problem = v === undefined ? undefined : databaseUrlProblem(v);
      if (problem) c.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }),
    // Connections each replica keeps to PostgreSQL (ignored on SQLite).
    DATABASE_POOL_SIZE: optionalString.pipe(
      z
        .string()
        .regex(/^\d+$/, 'must be a whole number of connections, e.g. 10')
        .transform(Number)
        .pipe(z.number().min(1, 'must be at least 1').max(200, 'must be at most 200'))
        .optional(),
    ),
    // When set, GET /metrics answers only to `Authorization: Bearer <METRICS_TOKEN>`.
    METRICS_TOKEN: optionalString,
    PORT: optionalString.pipe(
      z
        .string()
        .regex(/^\d{1,5}$/, 'must be a port number')
        .transform(Number)
        .pipe(z.number().max(65535, 'must be a port number'))
        .optional(),
    ),
    PUBLIC_URL: optionalString.pipe(url('PUBLIC_URL').optional()),
    GITHUB_TOKEN: optionalString,
    GITHUB_API_URL: optionalString.pipe(url('GITHUB_API_URL').optional()),
    GITHUB_WEBHOOK_SECRET: optionalString,
    LINEAR_API_KEY: optionalString,
    LINEAR_API_URL: optionalString.pipe(url('LINEAR_API_URL').optional()),
    LINEAR_WEBHOOK_SECRET: optionalString,
    DUTYLOOP_CONFIG: optionalString,
    LOG_LEVEL: optionalString.pipe(z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).optional()),
  })
  .transform((e) => ({
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL ?? 'https://slack.com/api/',
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      postIntervalMs: e.SLACK_POST_INTERVAL_MS ?? 1100,
    },
    databaseUrl: e.DATABASE_URL ?? 'file:./data/dutyloop.db',
    databasePoolSize: e.DATABASE_POOL_SIZE ?? 10,
    port: e.PORT ?? 3000,
    publicUrl: e.PUBLIC_URL,
    metricsToken: e.METRICS_TOKEN,
    github: {
      token: e.GITHUB_TOKEN,
      apiUrl: e.GITHUB_API_URL ?? 'https://api.github.com',
      webhookSecret: e.GITHUB_WEBHOOK_SECRET,
    },
    linear: {
      apiKey: e.LINEAR_API_KEY,
      apiUrl: e.LINEAR_API_URL ?? 'https://api.linear.app/graphql',
      webhookSecret: e.LINEAR_WEBHOOK_SECRET,
    },
    configPath: e.DUTYLOOP_CONFIG ?? 'config/dutyloop.yaml',
    logLevel: e.LOG_LEVEL ?? 'info',
  }));

export type Env = z.output<typeof envSchema>;

/** What `serve` needs beyond the schema: Slack credentials are required there, not in `demo`. */
export function missingForServe(env: Env): string[] {
  const problems: string[] = [];
  if (!env.slack.botToken) problems.push('SLACK_BOT_TOKEN is missing (the bot token, xoxb-…)');
  if (!env.slack.signingSecret && !env.slack.appToken)
    problems.push("SLACK_SIGNING_SECRET is missing (from the app's Basic Information page)");
  return problems;
}

export function envProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${i.message}`);
}
