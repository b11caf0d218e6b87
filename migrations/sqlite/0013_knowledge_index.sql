-- Full-text index of resolved tickets for precedents (issue 12). It holds the
-- stemmed terms (src/domain/knowledge/terms.ts: folded, Snowball-stemmed per
-- script, stop words out), not the raw text, so a query built from the same
-- terms meets every word form. rowid = ticket id. Columns: the customer's
-- words (subject and text), the resolution note, the linked issues' titles.
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(question, resolution, issues, tokenize='unicode61 remove_diacritics 0');
--> statement-breakpoint
-- Which tickets are indexed and with which version of terms(), so the
-- backfill finds resolved tickets not yet indexed (or indexed by an older version).
CREATE TABLE `knowledge_docs` (
	`ticket_id` integer PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`version` integer NOT NULL,
	`indexed_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Documents per term (the row '' counts all documents), kept by the indexer:
-- FTS5's own vocabulary table counts by reading whole posting lists, which
-- costs milliseconds per common term on a large index. Also the dictionary
-- that misspelt query words are corrected against.
CREATE TABLE `knowledge_terms` (
	`term` text PRIMARY KEY NOT NULL,
	`docs` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
-- A deleted ticket is no precedent any more (its terms' counts stay, a negligible drift).
CREATE TRIGGER `knowledge_ticket_deleted` AFTER DELETE ON `tickets` BEGIN
  DELETE FROM `knowledge_fts` WHERE rowid = old.id;
END;
