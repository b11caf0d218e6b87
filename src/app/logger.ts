import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

// Anything that may carry a credential is censored wherever it appears in a log object.
const redact = [
  'token', '*.token', 'botToken', '*.botToken', 'signingSecret', '*.signingSecret', 'appToken', '*.appToken',
  'apiKey', '*.apiKey', 'secret', '*.secret', 'webhookSecret', '*.webhookSecret', 'authorization', '*.authorization',
  'headers.authorization', 'req.headers.authorization', 'req.headers.cookie', 'cookie', '*.cookie',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redact, censor: '[redacted]' }, base: { app: 'dutyloop' } }, destination);
}

export const silentLogger: Logger = pino({ level: 'silent' });
