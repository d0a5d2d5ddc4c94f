DROP INDEX "approval_tasks_pending_idx";--> statement-breakpoint
DROP INDEX "approval_tasks_acted_idx";--> statement-breakpoint
CREATE INDEX "approval_instances_inbox_idx" ON "approval_instances" USING btree ("id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "approval_tasks_pending_idx" ON "approval_tasks" USING btree ("approver_id","instance_id") WHERE "approval_tasks"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "approval_tasks_acted_idx" ON "approval_tasks" USING btree ("acted_by","instance_id");