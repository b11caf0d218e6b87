CREATE TABLE `rotation_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`period_a` integer,
	`period_b` integer,
	`team_id` integer,
	`user_id` text,
	`stand_in` text,
	`from_at` integer,
	`to_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rotation_overrides_workspace` ON `rotation_overrides` (`workspace_id`,`kind`);