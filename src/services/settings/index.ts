import type { Env } from './env';
import type { FileConfig } from './file';

export type { Env } from './env';
export type { FileConfig } from './file';

/**
 * What the organisation configured: the environment and config/dutyloop.yaml,
 * parsed and checked by src/app/config. Services read their settings from here.
 */
export interface Settings {
  env: Env;
  file: FileConfig;
}
