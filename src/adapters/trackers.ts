import type { AppConfig } from '../app/config';
import type { Logger } from './logger';
import type { CallObserver } from './outbound-calls';
import type { IssueTrackers } from '../services/ports/issue-tracker';

/**
 * The issue trackers whose variables are set. An integration without its
 * variables is switched off and says so once, at start. Each client library is
 * loaded only when its integration is on (the Linear SDK alone holds ~27 MB).
 */
export async function createTrackers(config: AppConfig, log: Logger, onCall?: CallObserver): Promise<IssueTrackers> {
  const trackers: IssueTrackers = {};
  const { github, linear } = config.env;
  const feedback = config.file.feedback;
  if (!github.token) log.info('GitHub integration is off (GITHUB_TOKEN is not set)');
  else {
    const { GitHubTracker } = await import('./github/github-client');
    trackers.github = new GitHubTracker({
      token: github.token,
      apiUrl: github.apiUrl,
      repos: feedback.github?.repos ?? [],
      label: feedback.github?.label ?? 'customer-feedback',
      onCall,
    });
  }
  if (!linear.apiKey) log.info('Linear integration is off (LINEAR_API_KEY is not set)');
  else {
    const { LinearTracker } = await import('./linear/linear-client');
    trackers.linear = new LinearTracker({
      apiKey: linear.apiKey,
      apiUrl: linear.apiUrl,
      teams: feedback.linear?.teams ?? [],
      onCall,
    });
  }
  return trackers;
}
