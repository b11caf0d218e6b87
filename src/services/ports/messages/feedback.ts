import type { Digest } from '../../../domain/feedback/digest';

/** What happened to a linked issue in its tracker. */
export type IssueChange = 'closed' | 'canceled' | 'reopened' | 'deleted';

/** An issue as the feedback messages name it (its title and key come from the tracker: outside text). */
export interface NoticeIssue {
  key: string;
  url: string;
  title: string;
}

/** The messages the feedback area sends (see ../notify.ts); each kind has one renderer in adapters/slack/messages. */
export type FeedbackMessage =
  /** In a linked ticket's card thread: the issue changed, and what support can tell the customer now. */
  | { kind: 'feedback.issue_changed'; channel: string; threadTs: string; issue: NoticeIssue; change: IssueChange }
  /** A DM to whoever linked tickets to the issue: it changed, with how many of their tickets are linked. */
  | { kind: 'feedback.linked_issue_changed'; to: string; issue: NoticeIssue; change: IssueChange; tickets: number }
  /** In the ticket's card thread: the ticket was linked to an issue (by someone, or by the API). */
  | { kind: 'feedback.ticket_linked'; channel: string; threadTs: string; issue: NoticeIssue; by: string | null }
  /** The weekly digest in the product channel: the top issues, new ones, risers, and the week's top topics. */
  | {
      kind: 'feedback.digest';
      channel: string;
      digest: Digest;
      /** The week's end as people read it ("24 Nov 2026"), in the organisation's zone. */
      weekLabel: string;
      topics: { topic: string; tickets: number; customers: number }[];
    };
