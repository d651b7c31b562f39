ALTER TABLE `sso_flows` ADD `invitation_token_hash` text;--> statement-breakpoint
-- SSO self-sign-up refuses identities an operator deleted; these partial indexes keep that lookup off a full audit scan.
CREATE INDEX `audit_log_deleted_email_idx` ON `audit_log` (json_extract(`detail`, '$.email')) WHERE `action` = 'delete';
--> statement-breakpoint
CREATE INDEX `audit_log_deleted_subject_idx` ON `audit_log` (json_extract(`detail`, '$.ssoSubject')) WHERE `action` = 'delete';
