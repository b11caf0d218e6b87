import { z } from 'zod';

/**
 * A GitHub issue and repository as both the REST client and the `issues`
 * webhook receive them: one shape, kept apart from the client so the webhook
 * route does not load Octokit.
 */
export const githubIssue = z.object({
  number: z.number().int(),
  title: z.string(),
  html_url: z.string(),
  state: z.enum(['open', 'closed']),
  state_reason: z.string().nullish(),
});

export const githubRepository = z.object({ full_name: z.string(), private: z.boolean().optional() });
