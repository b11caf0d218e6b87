import { escapeMrkdwn, mrkdwnLink } from '../../../domain/text/mrkdwn';
import type { IssueChange, NoticeIssue } from '../../../services/ports/messages/feedback';

/* Texts for close-the-loop messages: what happened to the issue, and what support can do now. */

const ref = (i: NoticeIssue) => mrkdwnLink(i.url, i.key);
const title = (i: NoticeIssue) => escapeMrkdwn(i.title);

export type { IssueChange, NoticeIssue };

/** In the ticket's thread. */
export function threadNotice(issue: NoticeIssue, change: IssueChange): string {
  switch (change) {
    case 'closed':
      return `:white_check_mark: Fixed in ${ref(issue)} — let the customer know.`;
    case 'canceled':
      return `:heavy_minus_sign: ${ref(issue)} was closed without a fix — let the customer know.`;
    case 'reopened':
      return `:arrows_counterclockwise: ${ref(issue)} was reopened — the fix is not out after all.`;
    case 'deleted':
      return `:wastebasket: ${ref(issue)} was deleted in the tracker; this ticket is no longer tied to an open issue.`;
  }
}

/** To whoever linked tickets to the issue. */
export function linkerNotice(issue: NoticeIssue, change: IssueChange, tickets: number): string {
  const n = `${tickets} linked ticket${tickets === 1 ? '' : 's'}`;
  switch (change) {
    case 'closed':
      return `${ref(issue)} (${title(issue)}) was closed as fixed. ${n} can now be answered — each ticket's thread has a note.`;
    case 'canceled':
      return `${ref(issue)} (${title(issue)}) was closed without a fix. ${n} may need an answer.`;
    case 'reopened':
      return `${ref(issue)} (${title(issue)}) was reopened. ${n} linked.`;
    case 'deleted':
      return `${ref(issue)} (${title(issue)}) was deleted in the tracker. ${n} linked.`;
  }
}
