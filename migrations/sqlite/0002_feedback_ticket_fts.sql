-- Full-text index over ticket subject and text (FTS5, external content: the
-- text lives once, in tickets). Used to suggest issues already linked by
-- tickets that read alike, ranked by BM25.
CREATE VIRTUAL TABLE `ticket_fts` USING fts5(subject, text, content='tickets', content_rowid='id', tokenize='porter unicode61');
--> statement-breakpoint
INSERT INTO `ticket_fts`(`ticket_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `tickets_fts_insert` AFTER INSERT ON `tickets` BEGIN
  INSERT INTO `ticket_fts`(rowid, subject, text) VALUES (new.id, coalesce(new.subject, ''), new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_fts_delete` AFTER DELETE ON `tickets` BEGIN
  INSERT INTO `ticket_fts`(`ticket_fts`, rowid, subject, text) VALUES ('delete', old.id, coalesce(old.subject, ''), old.text);
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_fts_update` AFTER UPDATE OF `subject`, `text` ON `tickets` BEGIN
  INSERT INTO `ticket_fts`(`ticket_fts`, rowid, subject, text) VALUES ('delete', old.id, coalesce(old.subject, ''), old.text);
  INSERT INTO `ticket_fts`(rowid, subject, text) VALUES (new.id, coalesce(new.subject, ''), new.text);
END;
