CREATE TABLE `closed_dates` (
	`place_id` integer NOT NULL,
	`date` text NOT NULL,
	`note` text,
	PRIMARY KEY(`place_id`, `date`),
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `copies` (
	`id` integer PRIMARY KEY NOT NULL,
	`barcode` text NOT NULL,
	`title_id` integer NOT NULL,
	`home_library_id` integer NOT NULL,
	`call_number` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'on_shelf' NOT NULL,
	`current_place_id` integer,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`home_library_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`current_place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `copies_barcode_unique` ON `copies` (`barcode`);--> statement-breakpoint
CREATE INDEX `copies_title_idx` ON `copies` (`title_id`,`status`);--> statement-breakpoint
CREATE INDEX `copies_home_idx` ON `copies` (`home_library_id`);--> statement-breakpoint
CREATE TABLE `places` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`kind` text NOT NULL,
	`parent_id` integer,
	`phone` text NOT NULL,
	`address` text,
	`opening_hours` text,
	`closed_weekdays` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `places_code_unique` ON `places` (`code`);--> statement-breakpoint
CREATE INDEX `places_parent_idx` ON `places` (`parent_id`);--> statement-breakpoint
CREATE TABLE `titles` (
	`id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`yomi` text DEFAULT '' NOT NULL,
	`author` text DEFAULT '' NOT NULL,
	`author_yomi` text DEFAULT '' NOT NULL,
	`publisher` text DEFAULT '' NOT NULL,
	`year` integer,
	`isbn` text,
	`material_type` text NOT NULL,
	`set_id` integer,
	`volume` integer,
	`not_for_loan` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `titles_set_idx` ON `titles` (`set_id`,`volume`);--> statement-breakpoint
CREATE INDEX `titles_isbn_idx` ON `titles` (`isbn`);--> statement-breakpoint
CREATE TABLE `holds` (
	`id` integer PRIMARY KEY NOT NULL,
	`patron_id` integer NOT NULL,
	`title_id` integer NOT NULL,
	`copy_id` integer,
	`pickup_place_id` integer NOT NULL,
	`placed_at` integer NOT NULL,
	`state` text DEFAULT 'waiting' NOT NULL,
	`ready_at` integer,
	`pickup_by` text,
	`set_group` integer,
	`volume` integer,
	`inter_library` integer DEFAULT false NOT NULL,
	`notice_state` text,
	`loan_id` integer,
	`ended_at` integer,
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`copy_id`) REFERENCES `copies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pickup_place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holds_active_patron_title_uq` ON `holds` (`patron_id`,`title_id`) WHERE state IN ('waiting','in_transit','ready');--> statement-breakpoint
CREATE UNIQUE INDEX `holds_assigned_copy_uq` ON `holds` (`copy_id`) WHERE state IN ('in_transit','ready');--> statement-breakpoint
CREATE INDEX `holds_queue_idx` ON `holds` (`title_id`,`state`,`placed_at`);--> statement-breakpoint
CREATE INDEX `holds_patron_idx` ON `holds` (`patron_id`,`state`);--> statement-breakpoint
CREATE INDEX `holds_ready_idx` ON `holds` (`state`,`pickup_by`);--> statement-breakpoint
CREATE INDEX `holds_pickup_idx` ON `holds` (`pickup_place_id`,`state`);--> statement-breakpoint
CREATE INDEX `holds_set_idx` ON `holds` (`set_group`);--> statement-breakpoint
CREATE TABLE `loans` (
	`id` integer PRIMARY KEY NOT NULL,
	`copy_id` integer NOT NULL,
	`patron_id` integer NOT NULL,
	`library_id` integer,
	`loan_date` text NOT NULL,
	`due_date` text NOT NULL,
	`renewals` integer DEFAULT 0 NOT NULL,
	`inter_library` integer DEFAULT false NOT NULL,
	`locker` integer DEFAULT false NOT NULL,
	`hold_id` integer,
	`loaned_at` integer NOT NULL,
	`returned_at` integer,
	FOREIGN KEY (`copy_id`) REFERENCES `copies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`library_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loans_open_copy_uq` ON `loans` (`copy_id`) WHERE returned_at IS NULL;--> statement-breakpoint
CREATE INDEX `loans_open_patron_idx` ON `loans` (`patron_id`,`due_date`) WHERE returned_at IS NULL;--> statement-breakpoint
CREATE INDEX `loans_open_due_idx` ON `loans` (`due_date`) WHERE returned_at IS NULL;--> statement-breakpoint
CREATE INDEX `loans_patron_idx` ON `loans` (`patron_id`,`loaned_at`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`patron_id` integer NOT NULL,
	`kind` text NOT NULL,
	`hold_id` integer,
	`loan_id` integer,
	`slot_kind` text DEFAULT 'standard' NOT NULL,
	`due_at` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`claimed_until` integer,
	`claimed_by` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hold_id`) REFERENCES `holds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notices_key_unique` ON `notices` (`key`);--> statement-breakpoint
CREATE INDEX `notices_due_idx` ON `notices` (`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `notices_patron_idx` ON `notices` (`patron_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notices_hold_idx` ON `notices` (`hold_id`);--> statement-breakpoint
CREATE INDEX `notices_loan_idx` ON `notices` (`loan_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`staff_id` integer,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`subject` text NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_subject_idx` ON `audit_log` (`subject`,`at`);--> statement-breakpoint
CREATE TABLE `kv` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `link_nonces` (
	`nonce_hash` text PRIMARY KEY NOT NULL,
	`patron_id` integer NOT NULL,
	`line_user_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `link_nonces_expires_idx` ON `link_nonces` (`expires_at`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL,
	`ok` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_key_idx` ON `login_attempts` (`key`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_at_idx` ON `login_attempts` (`at`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'staff' NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_login_unique` ON `staff` (`login`);--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_sessions_staff_idx` ON `staff_sessions` (`staff_id`);--> statement-breakpoint
CREATE INDEX `staff_sessions_expires_idx` ON `staff_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_events_received_idx` ON `webhook_events` (`received_at`);--> statement-breakpoint
CREATE TABLE `line_links` (
	`id` integer PRIMARY KEY NOT NULL,
	`line_user_id` text NOT NULL,
	`patron_id` integer NOT NULL,
	`linked_at` integer NOT NULL,
	`followed` integer DEFAULT true NOT NULL,
	`unfollowed_at` integer,
	`language` text DEFAULT 'ja' NOT NULL,
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `line_links_line_user_id_unique` ON `line_links` (`line_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `line_links_patron_id_unique` ON `line_links` (`patron_id`);--> statement-breakpoint
CREATE TABLE `patrons` (
	`id` integer PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`name` text NOT NULL,
	`name_yomi` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`category` text DEFAULT 'general' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`expires_on` text,
	`password_hash` text,
	`email` text,
	`email_confirmed` integer DEFAULT false NOT NULL,
	`history_opt_in` integer DEFAULT false NOT NULL,
	`home_library_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`home_library_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patrons_number_unique` ON `patrons` (`number`);--> statement-breakpoint
CREATE TABLE `favourites` (
	`patron_id` integer NOT NULL,
	`title_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`patron_id`, `title_id`),
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `favourites_patron_idx` ON `favourites` (`patron_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `notice_preferences` (
	`patron_id` integer PRIMARY KEY NOT NULL,
	`hold_ready` integer DEFAULT true NOT NULL,
	`overdue` integer DEFAULT true NOT NULL,
	`channel` text DEFAULT 'line' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reading_history` (
	`id` integer PRIMARY KEY NOT NULL,
	`patron_id` integer NOT NULL,
	`title_id` integer NOT NULL,
	`loan_id` integer,
	`borrowed_on` text NOT NULL,
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reading_history_loan_id_unique` ON `reading_history` (`loan_id`);--> statement-breakpoint
CREATE INDEX `reading_history_patron_idx` ON `reading_history` (`patron_id`,`borrowed_on`);--> statement-breakpoint
CREATE TABLE `want_to_read` (
	`patron_id` integer NOT NULL,
	`title_id` integer NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`patron_id`, `title_id`),
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `want_to_read_patron_idx` ON `want_to_read` (`patron_id`,`created_at`);