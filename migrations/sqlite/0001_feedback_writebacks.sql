CREATE TABLE `issue_customer_needs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`issue_id` integer NOT NULL,
	`customer_key` text NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`issue_id`) REFERENCES `tracker_issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issue_customer_needs_key` ON `issue_customer_needs` (`issue_id`,`customer_key`);--> statement-breakpoint
CREATE TABLE `issue_state_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`issue_id` integer NOT NULL,
	`state` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`issue_id`) REFERENCES `tracker_issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `issue_state_notices_issue` ON `issue_state_notices` (`issue_id`,`at`);--> statement-breakpoint
CREATE TABLE `issue_writebacks` (
	`issue_id` integer PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`last_written_at` integer,
	`last_text` text,
	FOREIGN KEY (`issue_id`) REFERENCES `tracker_issues`(`id`) ON UPDATE no action ON DELETE cascade
);
