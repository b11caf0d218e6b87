ALTER TABLE `tickets` ADD `next_target_at` integer;--> statement-breakpoint
CREATE INDEX `tickets_next_target` ON `tickets` (`workspace_id`,`next_target_at`) WHERE next_target_at IS NOT NULL;--> statement-breakpoint
-- Tickets open before this migration are looked at once by the next run of the targets job.
UPDATE `tickets` SET `next_target_at` = `created_at` WHERE `status` != 'resolved';
