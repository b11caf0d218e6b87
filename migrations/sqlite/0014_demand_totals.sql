CREATE TABLE `issue_customer_links` (
	`workspace_id` text NOT NULL,
	`issue_id` integer NOT NULL,
	`customer_key` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `issue_id`, `customer_key`)
);
--> statement-breakpoint
CREATE TABLE `issue_demand_totals` (
	`workspace_id` text NOT NULL,
	`issue_id` integer NOT NULL,
	`tickets` integer DEFAULT 0 NOT NULL,
	`customers` integer DEFAULT 0 NOT NULL,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `issue_id`)
);
--> statement-breakpoint
CREATE INDEX `issue_demand_totals_rank` ON `issue_demand_totals` (`workspace_id`,`customers`,`tickets`);