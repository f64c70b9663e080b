ALTER TABLE `copies` ADD `transit_to_id` integer REFERENCES places(id);--> statement-breakpoint
ALTER TABLE `copies` ADD `transit_from_id` integer REFERENCES places(id);--> statement-breakpoint
ALTER TABLE `copies` ADD `transit_since` integer;--> statement-breakpoint
CREATE INDEX `copies_transit_idx` ON `copies` (`transit_to_id`,`transit_since`) WHERE transit_to_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `copies_transit_from_idx` ON `copies` (`transit_from_id`,`transit_to_id`) WHERE transit_to_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `holds` ADD `visit_starts_at` integer;--> statement-breakpoint
ALTER TABLE `holds` ADD `visit_ends_at` integer;