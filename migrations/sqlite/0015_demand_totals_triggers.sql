-- The all-time demand tables follow every change to ticket_issue_links, whichever
-- code path makes it (a link, an unlink, a merge of duplicate issues, a ticket
-- deleted with its links). A customer counts for an issue while it has at least
-- one link there; first and last seen are re-read from links_issue_created when a
-- link leaves, which is two index probes, not a scan.
CREATE TRIGGER demand_link_insert AFTER INSERT ON ticket_issue_links
BEGIN
  INSERT INTO issue_customer_links (workspace_id, issue_id, customer_key, n) VALUES (NEW.workspace_id, NEW.issue_id, NEW.customer_key, 1)
    ON CONFLICT (workspace_id, issue_id, customer_key) DO UPDATE SET n = n + 1;
  INSERT INTO issue_demand_totals (workspace_id, issue_id, tickets, customers, first_seen, last_seen)
    VALUES (NEW.workspace_id, NEW.issue_id, 1,
      (SELECT n = 1 FROM issue_customer_links WHERE workspace_id = NEW.workspace_id AND issue_id = NEW.issue_id AND customer_key = NEW.customer_key),
      NEW.ticket_created_at, NEW.ticket_created_at)
    ON CONFLICT (workspace_id, issue_id) DO UPDATE SET tickets = tickets + 1, customers = customers + excluded.customers,
      first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);
END;
--> statement-breakpoint
CREATE TRIGGER demand_link_delete AFTER DELETE ON ticket_issue_links
BEGIN
  UPDATE issue_customer_links SET n = n - 1
    WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND customer_key = OLD.customer_key;
  UPDATE issue_demand_totals SET tickets = tickets - 1,
      customers = customers - coalesce((SELECT n <= 0 FROM issue_customer_links WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND customer_key = OLD.customer_key), 0),
      first_seen = coalesce((SELECT min(ticket_created_at) FROM ticket_issue_links WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id), 0),
      last_seen = coalesce((SELECT max(ticket_created_at) FROM ticket_issue_links WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id), 0)
    WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id;
  DELETE FROM issue_customer_links WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND customer_key = OLD.customer_key AND n <= 0;
  DELETE FROM issue_demand_totals WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND tickets <= 0;
END;
--> statement-breakpoint
-- A change of issue (a merge), customer or ticket time: the old link leaves, the new one arrives.
CREATE TRIGGER demand_link_update AFTER UPDATE OF workspace_id, issue_id, customer_key, ticket_created_at ON ticket_issue_links
WHEN OLD.workspace_id IS NOT NEW.workspace_id OR OLD.issue_id IS NOT NEW.issue_id
  OR OLD.customer_key IS NOT NEW.customer_key OR OLD.ticket_created_at IS NOT NEW.ticket_created_at
BEGIN
  UPDATE issue_customer_links SET n = n - 1
    WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND customer_key = OLD.customer_key;
  UPDATE issue_demand_totals SET tickets = tickets - 1,
      customers = customers - coalesce((SELECT n <= 0 FROM issue_customer_links WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND customer_key = OLD.customer_key), 0),
      first_seen = coalesce((SELECT min(ticket_created_at) FROM ticket_issue_links WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id), 0),
      last_seen = coalesce((SELECT max(ticket_created_at) FROM ticket_issue_links WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id), 0)
    WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id;
  DELETE FROM issue_customer_links WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND customer_key = OLD.customer_key AND n <= 0;
  DELETE FROM issue_demand_totals WHERE workspace_id = OLD.workspace_id AND issue_id = OLD.issue_id AND tickets <= 0;
  INSERT INTO issue_customer_links (workspace_id, issue_id, customer_key, n) VALUES (NEW.workspace_id, NEW.issue_id, NEW.customer_key, 1)
    ON CONFLICT (workspace_id, issue_id, customer_key) DO UPDATE SET n = n + 1;
  INSERT INTO issue_demand_totals (workspace_id, issue_id, tickets, customers, first_seen, last_seen)
    VALUES (NEW.workspace_id, NEW.issue_id, 1,
      (SELECT n = 1 FROM issue_customer_links WHERE workspace_id = NEW.workspace_id AND issue_id = NEW.issue_id AND customer_key = NEW.customer_key),
      NEW.ticket_created_at, NEW.ticket_created_at)
    ON CONFLICT (workspace_id, issue_id) DO UPDATE SET tickets = tickets + 1, customers = customers + excluded.customers,
      first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);
END;
--> statement-breakpoint
-- Links made before this migration.
INSERT INTO issue_customer_links (workspace_id, issue_id, customer_key, n)
  SELECT workspace_id, issue_id, customer_key, count(*) FROM ticket_issue_links GROUP BY workspace_id, issue_id, customer_key;
--> statement-breakpoint
INSERT INTO issue_demand_totals (workspace_id, issue_id, tickets, customers, first_seen, last_seen)
  SELECT workspace_id, issue_id, count(*), count(DISTINCT customer_key), min(ticket_created_at), max(ticket_created_at)
  FROM ticket_issue_links GROUP BY workspace_id, issue_id;
