import { connection, matches } from './linear-execution';
import { notFound, type LinearStore } from './linear-store';

/**
 * Root fields of the fake Linear, over the store. Payloads are shaped like
 * Linear's (`success`, `lastSyncId`, the entity); anything the SDK asks for
 * beyond these comes from the placeholder resolver.
 */
type Args = Record<string, any>;

export function rootResolvers(store: LinearStore): Record<string, (args: Args) => unknown> {
  let syncId = 1000;
  const payload = (extra: Args) => ({ success: true, lastSyncId: ++syncId, ...extra });
  const issueOr404 = (id: string) => {
    const i = store.issue(id);
    if (!i) throw notFound('Issue');
    return i;
  };
  const teamOr404 = (id: string) => {
    const t = store.team(id);
    if (!t) throw notFound('Team');
    return t;
  };

  return {
    viewer: () => store.viewer,
    issue: ({ id }) => issueOr404(id),
    issues: (args) => connection([...store.issues.values()], args),
    searchIssues: ({ term, first, filter, teamId }) => {
      const words = String(term).toLowerCase().split(/\s+/).filter(Boolean);
      const hits = [...store.issues.values()]
        .filter((i) => !filter || matches(i, filter))
        .filter((i) => words.some((w) => `${i.identifier} ${i.title} ${i.description}`.toLowerCase().includes(w)))
        // Linear ranks the boosted team's issues first.
        .sort((a, b) => Number(b.team.id === teamId) - Number(a.team.id === teamId));
      return {
        ...connection(hits, { first }),
        totalCount: hits.length,
        archivePayload: { success: true, lastSyncId: syncId },
      };
    },
    team: ({ id }) => teamOr404(id),
    teams: (args) => connection(store.teams, args),
    workflowStates: (args) =>
      connection(
        store.teams.flatMap((t) => t.states),
        args,
      ),
    workflowState: ({ id }) => {
      const st = store.teams.flatMap((t) => t.states).find((x) => x.id === id);
      if (!st) throw notFound('WorkflowState');
      return st;
    },
    user: ({ id }) => {
      if (id !== store.viewer.id) throw notFound('User');
      return store.viewer;
    },
    attachment: ({ id }) => {
      const a = store.attachments.get(id);
      if (!a) throw notFound('Attachment');
      return a;
    },
    attachmentsForURL: ({ url, ...args }) =>
      connection(
        [...store.attachments.values()].filter((a) => a.url === url),
        args,
      ),
    customer: ({ id }) => {
      const c = store.customer(id);
      if (!c) throw notFound('Customer');
      return c;
    },
    customers: (args) => connection([...store.customers.values()], args),
    customerNeed: ({ id }) => {
      const n = store.customerNeeds.get(id);
      if (!n) throw notFound('CustomerNeed');
      return n;
    },
    customerNeeds: (args) => connection([...store.customerNeeds.values()], args),

    issueCreate: ({ input }) => {
      const team = teamOr404(input.teamId);
      const wanted = input.stateId ? team.states.find((s) => s.id === input.stateId) : undefined;
      const issue = store.addIssue({
        id: input.id,
        teamKey: team.key,
        title: input.title ?? '',
        description: input.description,
        state: wanted ?? { type: 'unstarted' },
      });
      if (typeof input.priority === 'number') issue.priority = input.priority;
      return payload({ issue });
    },
    issueUpdate: ({ id, input }) => {
      const issue = issueOr404(id);
      if (typeof input.title === 'string') issue.title = input.title;
      if (typeof input.description === 'string') issue.description = input.description;
      if (typeof input.priority === 'number') issue.priority = input.priority;
      if (input.stateId) {
        const s = issue.team.states.find((x) => x.id === input.stateId);
        if (!s) throw notFound('WorkflowState');
        issue.state = s;
      }
      issue.updatedAt = new Date().toISOString();
      return payload({ issue });
    },
    attachmentCreate: ({ input }) => payload({ attachment: store.upsertAttachment(issueOr404(input.issueId), input) }),
    attachmentLinkURL: (args) =>
      payload({
        attachment: store.upsertAttachment(issueOr404(args.issueId), { id: args.id, url: args.url, title: args.title }),
      }),
    customerUpsert: ({ input }) => payload({ customer: store.upsertCustomer(input) }),
    customerCreate: ({ input }) => {
      const external: string | undefined = input.externalIds?.[0];
      return payload({
        customer: store.upsertCustomer({ name: input.name, externalId: external, domains: input.domains }),
      });
    },
    customerNeedCreate: ({ input }) => {
      let attachmentId: string | undefined = input.attachmentId;
      if (!attachmentId && input.attachmentUrl && input.issueId)
        attachmentId = store.upsertAttachment(issueOr404(input.issueId), { url: input.attachmentUrl }).id;
      return payload({ need: store.addCustomerNeed({ ...input, attachmentId }) });
    },
  };
}
