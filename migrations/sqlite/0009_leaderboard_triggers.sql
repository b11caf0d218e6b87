-- The all-time leaderboard tables follow every change to a resolved ticket,
-- whichever code path makes it: a ticket counts for whoever resolved it while
-- it stays resolved (a reopen takes it back out, a new resolution puts it in
-- again). First responses go into buckets of 6 s under an hour, a minute under
-- a day and an hour beyond; `bucket` is the bucket's lower bound in ms.
CREATE TRIGGER leaderboard_ticket_insert AFTER INSERT ON tickets
WHEN NEW.resolved_at IS NOT NULL AND NEW.resolved_by IS NOT NULL
BEGIN
  INSERT INTO leaderboard_people (workspace_id, user_id, handled, rating_sum, ratings)
    SELECT NEW.workspace_id, NEW.resolved_by, 1, coalesce(NEW.rating, 0), NEW.rating IS NOT NULL
    WHERE NEW.resolved_at IS NOT NULL AND NEW.resolved_by IS NOT NULL
    ON CONFLICT (workspace_id, user_id) DO UPDATE SET handled = handled + 1, rating_sum = rating_sum + excluded.rating_sum, ratings = ratings + excluded.ratings;
  INSERT INTO leaderboard_responses (workspace_id, user_id, bucket, n)
    SELECT NEW.workspace_id, NEW.resolved_by, d - d % CASE WHEN d < 3600000 THEN 6000 WHEN d < 86400000 THEN 60000 ELSE 3600000 END, 1 FROM (SELECT max(NEW.first_response_at - NEW.created_at, 0) AS d)
    WHERE NEW.resolved_at IS NOT NULL AND NEW.resolved_by IS NOT NULL AND NEW.first_response_at IS NOT NULL
    ON CONFLICT (workspace_id, user_id, bucket) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER leaderboard_ticket_update AFTER UPDATE OF workspace_id, resolved_by, resolved_at, first_response_at, created_at, rating ON tickets
WHEN (OLD.resolved_at IS NOT NULL AND OLD.resolved_by IS NOT NULL) OR (NEW.resolved_at IS NOT NULL AND NEW.resolved_by IS NOT NULL)
BEGIN
  UPDATE leaderboard_people SET handled = handled - 1, rating_sum = rating_sum - coalesce(OLD.rating, 0), ratings = ratings - (OLD.rating IS NOT NULL)
    WHERE OLD.resolved_at IS NOT NULL AND OLD.resolved_by IS NOT NULL AND workspace_id = OLD.workspace_id AND user_id = OLD.resolved_by;
  UPDATE leaderboard_responses SET n = n - 1
    WHERE OLD.resolved_at IS NOT NULL AND OLD.resolved_by IS NOT NULL AND OLD.first_response_at IS NOT NULL
      AND workspace_id = OLD.workspace_id AND user_id = OLD.resolved_by AND bucket = (SELECT d - d % CASE WHEN d < 3600000 THEN 6000 WHEN d < 86400000 THEN 60000 ELSE 3600000 END FROM (SELECT max(OLD.first_response_at - OLD.created_at, 0) AS d));
  INSERT INTO leaderboard_people (workspace_id, user_id, handled, rating_sum, ratings)
    SELECT NEW.workspace_id, NEW.resolved_by, 1, coalesce(NEW.rating, 0), NEW.rating IS NOT NULL
    WHERE NEW.resolved_at IS NOT NULL AND NEW.resolved_by IS NOT NULL
    ON CONFLICT (workspace_id, user_id) DO UPDATE SET handled = handled + 1, rating_sum = rating_sum + excluded.rating_sum, ratings = ratings + excluded.ratings;
  INSERT INTO leaderboard_responses (workspace_id, user_id, bucket, n)
    SELECT NEW.workspace_id, NEW.resolved_by, d - d % CASE WHEN d < 3600000 THEN 6000 WHEN d < 86400000 THEN 60000 ELSE 3600000 END, 1 FROM (SELECT max(NEW.first_response_at - NEW.created_at, 0) AS d)
    WHERE NEW.resolved_at IS NOT NULL AND NEW.resolved_by IS NOT NULL AND NEW.first_response_at IS NOT NULL
    ON CONFLICT (workspace_id, user_id, bucket) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER leaderboard_ticket_delete AFTER DELETE ON tickets
WHEN OLD.resolved_at IS NOT NULL AND OLD.resolved_by IS NOT NULL
BEGIN
  UPDATE leaderboard_people SET handled = handled - 1, rating_sum = rating_sum - coalesce(OLD.rating, 0), ratings = ratings - (OLD.rating IS NOT NULL)
    WHERE OLD.resolved_at IS NOT NULL AND OLD.resolved_by IS NOT NULL AND workspace_id = OLD.workspace_id AND user_id = OLD.resolved_by;
  UPDATE leaderboard_responses SET n = n - 1
    WHERE OLD.resolved_at IS NOT NULL AND OLD.resolved_by IS NOT NULL AND OLD.first_response_at IS NOT NULL
      AND workspace_id = OLD.workspace_id AND user_id = OLD.resolved_by AND bucket = (SELECT d - d % CASE WHEN d < 3600000 THEN 6000 WHEN d < 86400000 THEN 60000 ELSE 3600000 END FROM (SELECT max(OLD.first_response_at - OLD.created_at, 0) AS d));
END;
--> statement-breakpoint
-- Tickets resolved before this migration.
INSERT INTO leaderboard_people (workspace_id, user_id, handled, rating_sum, ratings)
  SELECT workspace_id, resolved_by, count(*), coalesce(sum(rating), 0), count(rating) FROM tickets
  WHERE resolved_at IS NOT NULL AND resolved_by IS NOT NULL GROUP BY workspace_id, resolved_by;
--> statement-breakpoint
INSERT INTO leaderboard_responses (workspace_id, user_id, bucket, n)
  SELECT workspace_id, resolved_by, d - d % CASE WHEN d < 3600000 THEN 6000 WHEN d < 86400000 THEN 60000 ELSE 3600000 END, count(*) FROM (
    SELECT workspace_id, resolved_by, max(first_response_at - created_at, 0) AS d FROM tickets
    WHERE resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND first_response_at IS NOT NULL)
  GROUP BY 1, 2, 3;
