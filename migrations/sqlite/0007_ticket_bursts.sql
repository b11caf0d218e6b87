CREATE TABLE `ticket_bursts` (
	`workspace_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`card_channel_id` text NOT NULL,
	`card_ts` text NOT NULL,
	`since` integer NOT NULL,
	`slots` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `channel_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tickets_awaiting_card` ON `tickets` (`workspace_id`) WHERE card_ts IS NULL;