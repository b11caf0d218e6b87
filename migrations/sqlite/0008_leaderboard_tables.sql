CREATE TABLE `leaderboard_people` (
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`handled` integer DEFAULT 0 NOT NULL,
	`rating_sum` integer DEFAULT 0 NOT NULL,
	`ratings` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `leaderboard_responses` (
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`bucket` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `user_id`, `bucket`)
);
