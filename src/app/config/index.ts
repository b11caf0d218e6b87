import { envSchema, envProblems, type Env } from '../../services/settings/env';
import type { Settings } from '../../services/settings';
import { readConfigFile, type FileConfig } from './file';
import { ConfigError } from '../../domain/errors';

export { ConfigError };

export type { Env } from '../../services/settings/env';
export type { FileConfig } from './file';

/** The settings a running dutyloop was started with. */
export type AppConfig = Settings;

/** Parses the environment and the config file once; every problem is reported together. */
export function loadConfig(processEnv: NodeJS.ProcessEnv, extraProblems: (env: Env) => string[] = () => []): AppConfig {
  const parsedEnv = envSchema.safeParse(processEnv);
  const problems = parsedEnv.success ? [] : envProblems(parsedEnv.error);
  let file: FileConfig | undefined;
  if (parsedEnv.success) {
    problems.push(...extraProblems(parsedEnv.data));
    const read = readConfigFile(parsedEnv.data.configPath);
    problems.push(...read.problems);
    file = read.config;
  }
  if (problems.length > 0 || !parsedEnv.success || !file) throw new ConfigError(problems);
  return deepFreeze({ env: parsedEnv.data, file });
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
