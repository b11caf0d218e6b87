import { verify } from '@octokit/webhooks-methods';
import { z } from 'zod';
import type { Refusal } from '../http/doors';
import { githubIssue, githubRepository } from './issue-schema';

/** Delivery ids are GitHub's GUIDs; anything printable and short is kept, nothing else. */
export const deliveryIdPattern = /^[\x21-\x7e]{1,200}$/;

/**
 * What makes a delivery fail before its body is worth reading: no secret to check
 * it with, no signature, or no delivery id (without one a captured delivery could
 * be replayed past the dedupe).
 */
export function githubDeliveryProblem(
  secret: string | undefined,
  header: (name: string) => string | undefined,
): Refusal | undefined {
  if (!secret)
    return {
      status: 401,
      error: 'unauthorized',
      message: 'GitHub webhooks are off on this server (GITHUB_WEBHOOK_SECRET is not set)',
    };
  if (!header('x-hub-signature-256')?.startsWith('sha256='))
    return { status: 401, error: 'unauthorized', message: 'Missing or invalid signature' };
  if (!deliveryIdPattern.test(header('x-github-delivery') ?? ''))
    return { status: 400, error: 'missing_delivery_id', message: 'X-GitHub-Delivery is required' };
  return undefined;
}

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
