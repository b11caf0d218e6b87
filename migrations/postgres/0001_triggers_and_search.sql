-- What the SQLite migrations keep with triggers and FTS5, kept the PostgreSQL way:
-- the all-time leaderboard and demand tables follow every change to tickets and
-- links whichever code path makes it, and text search uses tsvector with GIN.

-- First responses go into buckets of 6 s under an hour, a minute under a day and
-- an hour beyond; a bucket is named by its lower bound in ms.
CREATE FUNCTION leaderboard_bucket(d bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT greatest(d, 0) - greatest(d, 0) % CASE WHEN greatest(d, 0) < 3600000 THEN 6000 WHEN greatest(d, 0) < 86400000 THEN 60000 ELSE 3600000 END
$$;
--> statement-breakpoint
-- A ticket counts for whoever resolved it while it stays resolved.
CREATE FUNCTION leaderboard_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.resolved_at IS NOT NULL AND OLD.resolved_by IS NOT NULL THEN
    UPDATE leaderboard_people SET handled = handled - 1, rating_sum = rating_sum - coalesce(OLD.rating, 0),
        ratings = ratings - (OLD.rating IS NOT NULL)::int
      WHERE workspace_id = OLD.workspace_id AND user_id = OLD.resolved_by;
    IF OLD.first_response_at IS NOT NULL THEN
      UPDATE leaderboard_responses SET n = n - 1
        WHERE workspace_id = OLD.workspace_id AND user_id = OLD.resolved_by
          AND bucket = leaderboard_bucket(OLD.first_response_at - OLD.created_at);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.resolved_at IS NOT NULL AND NEW.resolved_by IS NOT NULL THEN
    INSERT INTO leaderboard_people AS p (workspace_id, user_id, handled, rating_sum, ratings)
      VALUES (NEW.workspace_id, NEW.resolved_by, 1, coalesce(NEW.rating, 0), (NEW.rating IS NOT NULL)::int)
      ON CONFLICT (workspace_id, user_id) DO UPDATE SET handled = p.handled + 1,
        rating_sum = p.rating_sum + excluded.rating_sum, ratings = p.ratings + excluded.ratings;
    IF NEW.first_response_at IS NOT NULL THEN
      INSERT INTO leaderboard_responses AS r (workspace_id, user_id, bucket, n)
        VALUES (NEW.workspace_id, NEW.resolved_by, leaderboard_bucket(NEW.first_response_at - NEW.created_at), 1)
        ON CONFLICT (workspace_id, user_id, bucket) DO UPDATE SET n = r.n + 1;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER leaderboard_ticket_insert AFTER INSERT ON tickets FOR EACH ROW
  WHEN (NEW.resolved_at IS NOT NULL AND NEW.resolved_by IS NOT NULL) EXECUTE FUNCTION leaderboard_follow();
--> statement-breakpoint
CREATE TRIGGER leaderboard_ticket_update
  AFTER UPDATE OF workspace_id, resolved_by, resolved_at, first_response_at, created_at, rating ON tickets FOR EACH ROW
  WHEN ((OLD.resolved_at IS NOT NULL AND OLD.resolved_by IS NOT NULL) OR (NEW.resolved_at IS NOT NULL AND NEW.resolved_by IS NOT NULL))
  EXECUTE FUNCTION leaderboard_follow();
--> statement-breakpoint
CREATE TRIGGER leaderboard_ticket_delete AFTER DELETE ON tickets FOR EACH ROW
  WHEN (OLD.resolved_at IS NOT NULL AND OLD.resolved_by IS NOT NULL) EXECUTE FUNCTION leaderboard_follow();
--> statement-breakpoint
-- A customer counts for an issue while it has at least one link there; first and
-- last seen are re-read from links_issue_created when a link leaves.
CREATE FUNCTION demand_link_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE issue_customer_links SET n = n - 1
      WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND customer_key = OLD.customer_key;
    UPDATE issue_demand_totals SET tickets = tickets - 1,
        customers = customers - coalesce((SELECT (n <= 0)::int FROM issue_customer_links
          WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND customer_key = OLD.customer_key), 0),
        first_seen = coalesce((SELECT min(ticket_created_at) FROM ticket_issue_links
          WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id), 0),
        last_seen = coalesce((SELECT max(ticket_created_at) FROM ticket_issue_links
          WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id), 0)
      WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id;
    DELETE FROM issue_customer_links
      WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND customer_key = OLD.customer_key AND n <= 0;
    DELETE FROM issue_demand_totals WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND tickets <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO issue_customer_links AS l (workspace_id, issue_id, customer_key, n)
      VALUES (NEW.workspace_id, NEW.issue_id, NEW.customer_key, 1)
      ON CONFLICT (workspace_id, issue_id, customer_key) DO UPDATE SET n = l.n + 1;
    INSERT INTO issue_demand_totals AS t (workspace_id, issue_id, tickets, customers, first_seen, last_seen)
      VALUES (NEW.workspace_id, NEW.issue_id, 1,
        (SELECT (n = 1)::int FROM issue_customer_links
          WHERE workspace_id = NEW.workspace_id AND issue_id = NEW.issue_id AND customer_key = NEW.customer_key),
        NEW.ticket_created_at, NEW.ticket_created_at)
      ON CONFLICT (workspace_id, issue_id) DO UPDATE SET tickets = t.tickets + 1, customers = t.customers + excluded.customers,
        first_seen = least(t.first_seen, excluded.first_seen), last_seen = greatest(t.last_seen, excluded.last_seen);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER demand_link_insert AFTER INSERT ON ticket_issue_links FOR EACH ROW EXECUTE FUNCTION demand_link_follow();
--> statement-breakpoint
CREATE TRIGGER demand_link_delete AFTER DELETE ON ticket_issue_links FOR EACH ROW EXECUTE FUNCTION demand_link_follow();
--> statement-breakpoint
CREATE TRIGGER demand_link_update AFTER UPDATE OF workspace_id, issue_id, customer_key, ticket_created_at ON ticket_issue_links
  FOR EACH ROW WHEN (OLD.workspace_id IS DISTINCT FROM NEW.workspace_id OR OLD.issue_id IS DISTINCT FROM NEW.issue_id
    OR OLD.customer_key IS DISTINCT FROM NEW.customer_key OR OLD.ticket_created_at IS DISTINCT FROM NEW.ticket_created_at)
  EXECUTE FUNCTION demand_link_follow();
--> statement-breakpoint
-- Tickets that read alike (issue suggestions): English stems over subject and text, as FTS5's porter tokenizer does.
ALTER TABLE tickets ADD COLUMN search tsvector
  GENERATED ALWAYS AS (to_tsvector('english', coalesce(subject, '') || ' ' || text)) STORED;
--> statement-breakpoint
CREATE INDEX tickets_search ON tickets USING gin (search);
--> statement-breakpoint
-- The knowledge index holds already stemmed terms (src/domain/knowledge/terms.ts),
-- so it is parsed with the 'simple' configuration; the customer's words weigh most.
CREATE TABLE knowledge_index (
  ticket_id integer PRIMARY KEY NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  workspace_id text NOT NULL,
  question text NOT NULL,
  resolution text NOT NULL,
  issues text NOT NULL,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', question), 'A') || setweight(to_tsvector('simple', resolution), 'B')
      || setweight(to_tsvector('simple', issues), 'C')) STORED
);
--> statement-breakpoint
CREATE INDEX knowledge_index_search ON knowledge_index USING gin (search);
--> statement-breakpoint
-- Which tickets are indexed and with which version of terms().
CREATE TABLE knowledge_docs (
  ticket_id integer PRIMARY KEY NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  workspace_id text NOT NULL,
  version integer NOT NULL,
  indexed_at bigint NOT NULL
);
--> statement-breakpoint
-- Documents per term (the row '' counts all documents), and the dictionary misspelt words are corrected against.
CREATE TABLE knowledge_terms (
  term text PRIMARY KEY NOT NULL,
  docs integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX knowledge_terms_prefix ON knowledge_terms (term text_pattern_ops);
