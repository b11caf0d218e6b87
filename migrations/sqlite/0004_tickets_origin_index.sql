CREATE INDEX `tickets_origin` ON `tickets` (`workspace_id`,`origin_channel_id`,`origin_ts`);--> statement-breakpoint
CREATE INDEX `tickets_workspace_status` ON `tickets` (`workspace_id`,`status`);