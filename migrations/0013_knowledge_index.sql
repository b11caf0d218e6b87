-- Full-text index of resolved tickets for precedents (issue 12). It holds the
-- stemmed terms (src/domain/knowledge/terms.ts: folded, Snowball-stemmed per
-- script, stop words out), not the raw text, so the tokenizer only splits on
-- spaces and a query built from the same terms meets every word form.
-- rowid = ticket id. Columns: the customer's words (subject and text), the
-- resolution note, the linked issues' titles.
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(question, resolution, issues, tokenize='unicode61 remove_diacritics 0');
--> statement-breakpoint
-- Document frequency per term, for the relevance score's rarity weights.
CREATE VIRTUAL TABLE `knowledge_vocab` USING fts5vocab('knowledge_fts', 'row');
--> statement-breakpoint
-- Which tickets are indexed and with which version of terms(), so the start-up
-- backfill finds resolved tickets not yet indexed (or indexed by an older version).
CREATE TABLE `knowledge_docs` (
	`ticket_id` integer PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`version` integer NOT NULL,
	`indexed_at` integer NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `knowledge_docs_workspace` ON `knowledge_docs` (`workspace_id`, `ticket_id`);
--> statement-breakpoint
-- A reopened (or deleted) ticket is no precedent any more, whichever path changed it.
CREATE TRIGGER `knowledge_unresolved` AFTER UPDATE OF `status` ON `tickets`
WHEN old.status = 'resolved' AND new.status <> 'resolved' BEGIN
  DELETE FROM `knowledge_fts` WHERE rowid = old.id;
  DELETE FROM `knowledge_docs` WHERE ticket_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `knowledge_ticket_deleted` AFTER DELETE ON `tickets` BEGIN
  DELETE FROM `knowledge_fts` WHERE rowid = old.id;
END;
