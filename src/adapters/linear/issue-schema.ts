import { z } from 'zod';

/**
 * A Linear issue as both the GraphQL client and the webhook receive it: one
 * shape, kept apart from the client so the webhook route does not load the SDK.
 */
export const linearIssue = z.object({
  id: z.string(),
  identifier: z.string(),
  title: z.string(),
  url: z.string(),
  state: z.object({ type: z.string(), name: z.string().optional() }).nullish(),
  team: z.object({ id: z.string().optional(), key: z.string() }).nullish(),
});
export type LinearIssue = z.infer<typeof linearIssue>;

/** Workflow state types after which the issue needs no more work (fixed, or not going to be). */
export const linearClosedTypes: ReadonlySet<string> = new Set(['completed', 'canceled']);
