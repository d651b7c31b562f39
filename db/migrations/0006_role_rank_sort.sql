-- Sorting users by role follows the policy's rank (admin, manager, default, guest), not the alphabet.
-- The expression must stay identical to roleRankSql in src/core/users/sort-keys.ts (a test checks the plan).
CREATE INDEX `users_role_rank_idx` ON `users` ((CASE `role` WHEN 'admin' THEN 3 WHEN 'manager' THEN 2 WHEN 'default' THEN 1 WHEN 'guest' THEN 0 END), `id`);
