CREATE TABLE `webhook_days` (
	`day` text PRIMARY KEY NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`events` integer DEFAULT 0 NOT NULL,
	`requests_fast` integer DEFAULT 0 NOT NULL,
	`events_fast` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `channel` text;--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`at`,`channel`,`staff_id`);--> statement-breakpoint
CREATE INDEX `holds_ended_idx` ON `holds` (`state`,`ended_at`,`pickup_place_id`);--> statement-breakpoint
CREATE INDEX `notices_stats_idx` ON `notices` (`due_at`,`kind`,`slot_kind`,`state`,`attempts`,`sent_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `line_links_followed_idx` ON `line_links` (`followed`,`unfollowed_at`);--> statement-breakpoint
-- hand-written (issue 20)
-- The links and blocks that exist already become the statistics' first entries.
INSERT INTO `audit_log` (`staff_id`, `at`, `action`, `subject`, `channel`)
  SELECT NULL, `linked_at`, 'line.link', 'patron:' || `patron_id`, 'line' FROM `line_links`;--> statement-breakpoint
INSERT INTO `audit_log` (`staff_id`, `at`, `action`, `subject`, `channel`)
  SELECT NULL, `unfollowed_at`, 'line.block', 'patron:' || `patron_id`, 'line' FROM `line_links`
  WHERE `followed` = 0 AND `unfollowed_at` IS NOT NULL;
