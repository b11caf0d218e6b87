CREATE TABLE `rotation_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`from_index` integer NOT NULL,
	`team_ids` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rotation_versions_workspace` ON `rotation_versions` (`workspace_id`,`from_index`);--> statement-breakpoint
CREATE TABLE `rotation_swap_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`from_team_id` integer NOT NULL,
	`from_period` integer NOT NULL,
	`to_team_id` integer NOT NULL,
	`to_period` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rotation_swap_requests_workspace` ON `rotation_swap_requests` (`workspace_id`,`status`);--> statement-breakpoint
ALTER TABLE `rotation_overrides` ADD `team_b_id` integer;