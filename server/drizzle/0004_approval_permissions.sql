-- Built-in roles of databases created before approvals existed get what new databases get from the baseline
-- (bootstrap.ts): deleting a customer now only asks for approval, so reps and supervisors may ask; the approval
-- module's permissions go to the roles that configure or oversee flows. Only permissions are added; nothing an
-- administrator granted or removed elsewhere is touched.
UPDATE roles SET permissions = permissions || '["approval.view", "approval.configure"]'::jsonb
 WHERE code = 'admin' AND builtin AND NOT permissions @> '["approval.configure"]'::jsonb;
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["approval.view"]'::jsonb
 WHERE code IN ('sales_director', 'sales_manager') AND builtin AND NOT permissions @> '["approval.view"]'::jsonb;
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["organization.delete"]'::jsonb
 WHERE code IN ('sales_rep', 'supervisor') AND builtin AND NOT permissions @> '["organization.delete"]'::jsonb;
