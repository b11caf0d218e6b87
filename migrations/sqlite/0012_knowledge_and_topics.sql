CREATE TABLE `precedent_suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`ticket_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`rank` integer NOT NULL,
	`score` real NOT NULL,
	`verdict` text,
	`verdict_by` text,
	`verdict_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `precedent_suggestions_ticket_ref` ON `precedent_suggestions` (`ticket_id`,`kind`,`ref`);--> statement-breakpoint
CREATE INDEX `precedent_suggestions_workspace_verdict` ON `precedent_suggestions` (`workspace_id`,`verdict`);--> statement-breakpoint
ALTER TABLE `tickets` ADD `topic` text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `topic_set_by` text;--> statement-breakpoint
CREATE INDEX `tickets_workspace_topic_created` ON `tickets` (`workspace_id`,`topic`,`created_at`);