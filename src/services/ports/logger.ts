/** The structured logger (pino's interface); its error serializer keeps secrets out. */
export type { Logger } from 'pino';
