CREATE TABLE `message_caps` (
	`user_id` text PRIMARY KEY NOT NULL,
	`live` integer NOT NULL,
	`swept_until` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `message_events_user_at_idx`;--> statement-breakpoint
ALTER TABLE `message_events` ADD `expires_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `message_events_user_state_expires_idx` ON `message_events` (`user_id`,`state`,`expires_at`);