import type Database from 'better-sqlite3';

type SqlValue = string | number | null;

/**
 * Bulk inserts for the demo seed. Raw prepared statements in one transaction,
 * because the seed writes thousands of rows and drizzle's per-row builders
 * would make `dutyloop demo` start noticeably slower.
 */
export class DemoSeedRepo {
  constructor(private readonly sqlite: Database.Database) {}

  /** Runs `fn` in one transaction, so the seed is all there or not at all. */
  inTransaction(fn: () => void): void {
    this.sqlite.transaction(fn)();
  }

  memberNameSetter(): (name: string, workspaceId: string, slackUserId: string) => void {
    const setName = this.sqlite.prepare('UPDATE members SET name = ? WHERE workspace_id = ? AND slack_user_id = ?');
    return (...values) => {
      setName.run(...values);
    };
  }

  /** Values in column order; returns the new row id. */
  customerInserter(): (...values: SqlValue[]) => number {
    const insert = this.sqlite.prepare(
      'INSERT INTO customers (workspace_id, key, slack_user_id, email, name, company, created_at) VALUES (?,?,?,?,?,?,?)',
    );
    return (...values) => Number(insert.run(...values).lastInsertRowid);
  }

  /** Values in column order; returns the new row id. */
  issueInserter(): (...values: SqlValue[]) => number {
    const insert =
      this.sqlite.prepare(`INSERT INTO tracker_issues (workspace_id, provider, external_id, key, title, url, state, state_changed_at, is_private, created_at, updated_at)
    VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
    return (...values) => Number(insert.run(...values).lastInsertRowid);
  }

  /** Values in column order; returns the new row id. */
  ticketInserter(): (...values: SqlValue[]) => number {
    const ticketInsert =
      this.sqlite.prepare(`INSERT INTO tickets (workspace_id, source, external_id, customer_id, customer_key, subject, text, priority, status,
    requester_slack_id, card_channel_id, card_ts, duty_team_id, claimed_by, claimed_at, first_response_at, first_response_by, resolved_by, resolved_at,
    resolution, rating, rated_at, created_at, updated_at, topic) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
    return (...values) => Number(ticketInsert.run(...values).lastInsertRowid);
  }

  /** Values in column order. */
  linkInserter(): (...values: SqlValue[]) => void {
    const linkInsert = this.sqlite.prepare(
      `INSERT INTO ticket_issue_links (workspace_id, ticket_id, issue_id, ticket_created_at, customer_key, linked_by, linked_at) VALUES (?,?,?,?,?,?,?)`,
    );
    return (...values) => {
      linkInsert.run(...values);
    };
  }
}
