import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256(secret, raw body). */
export function verifyGitHubSignature(secret: string, rawBody: string, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody).digest('hex'));
  const given = Buffer.from(header.slice('sha256='.length));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const issue = z.object({
  number: z.number().int(),
  title: z.string(),
  html_url: z.string(),
  state: z.enum(['open', 'closed']),
  state_reason: z.string().nullish(),
});
const repository = z.object({ full_name: z.string(), private: z.boolean().optional() });

export const githubIssuesEvent = z.object({
  action: z.string(),
  issue,
  repository,
  changes: z
    .object({
      new_issue: issue.optional(),
      new_repository: repository.optional(),
    })
    .partial()
    .optional(),
});
export type GitHubIssuesEvent = z.infer<typeof githubIssuesEvent>;
