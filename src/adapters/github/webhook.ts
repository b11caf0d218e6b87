import { verify } from '@octokit/webhooks-methods';
import { z } from 'zod';
import type { DeliveryHeaders } from '../http/webhook-deliveries';
import { githubIssue, githubRepository } from './issue-schema';

/** GitHub's webhook headers, for the check made before a delivery's body is read. */
export const githubDeliveries: DeliveryHeaders = {
  vendor: 'GitHub',
  secretVariable: 'GITHUB_WEBHOOK_SECRET',
  signatureHeader: 'x-hub-signature-256',
  signatureForm: /^sha256=/,
  deliveryHeader: 'X-GitHub-Delivery',
};

/** X-Hub-Signature-256 checked by GitHub's own `verify`; a malformed header is a refusal, not a throw. */
export async function verifyGitHubSignature(
  secret: string,
  rawBody: string,
  header: string | undefined,
): Promise<boolean> {
  if (!header?.startsWith('sha256=')) return false;
  try {
    return await verify(secret, rawBody, header);
  } catch {
    return false;
  }
}

export const githubIssuesEvent = z.object({
  action: z.string(),
  issue: githubIssue,
  repository: githubRepository,
  changes: z
    .object({
      new_issue: githubIssue.optional(),
      new_repository: githubRepository.optional(),
    })
    .partial()
    .optional(),
});
export type GitHubIssuesEvent = z.infer<typeof githubIssuesEvent>;
