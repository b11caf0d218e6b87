import type { AppConfig } from '../app/config';
import type { Logger } from '../app/logger';
import type { IssueTrackers } from '../services/ports/issue-tracker';
import { GitHubTracker } from './github/github-client';
import { LinearTracker } from './linear/linear-client';

/**
 * The issue trackers whose variables are set. An integration without its
 * variables is switched off and says so once, at start.
 */
export function createTrackers(config: AppConfig, log: Logger): IssueTrackers {
  const trackers: IssueTrackers = {};
  const { github, linear } = config.env;
  const feedback = config.file.feedback;
  if (!github.token) log.info('GitHub integration is off (GITHUB_TOKEN is not set)');
  else
    trackers.github = new GitHubTracker({
      token: github.token,
      apiUrl: github.apiUrl,
      repos: feedback.github?.repos ?? [],
      label: feedback.github?.label ?? 'customer-feedback',
    });
  if (!linear.apiKey) log.info('Linear integration is off (LINEAR_API_KEY is not set)');
  else trackers.linear = new LinearTracker({ apiKey: linear.apiKey, apiUrl: linear.apiUrl, teams: feedback.linear?.teams ?? [] });
  return trackers;
}
