CREATE TABLE `expired_hold_tallies` (
	`day` text NOT NULL,
	`place_id` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`day`, `place_id`),
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notice_tallies` (
	`day` text NOT NULL,
	`minute` integer NOT NULL,
	`slot_kind` text NOT NULL,
	`kind` text NOT NULL,
	`sent` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`undeliverable` integer DEFAULT 0 NOT NULL,
	`retried` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `minute`, `slot_kind`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `ready_delivery_tallies` (
	`day` text NOT NULL,
	`minutes` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`day`, `minutes`)
);
--> statement-breakpoint
ALTER TABLE `reading_history` ADD `returned_on` text;--> statement-breakpoint
CREATE INDEX `loans_returned_idx` ON `loans` (`returned_at`) WHERE returned_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `audit_log_names_patron_idx` ON `audit_log` (`at`) WHERE substr(subject, 1, instr(subject, ':')) IN
    ('copy:', 'loan:', 'hold:', 'title:', 'barcode:')
  AND (json_extract(before, '$.patronId') IS NOT NULL OR json_extract(before, '$.borrowerId') IS NOT NULL OR json_extract(before, '$.holderId') IS NOT NULL OR json_extract(after, '$.patronId') IS NOT NULL OR json_extract(after, '$.borrowerId') IS NOT NULL OR json_extract(after, '$.holderId') IS NOT NULL);