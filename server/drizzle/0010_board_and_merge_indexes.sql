CREATE INDEX "organizations_merged_into_idx" ON "organizations" USING btree ("merged_into_id") WHERE merged_into_id is not null;--> statement-breakpoint
-- The pipeline board (PRJ-11): the owners a manager's scope reaches are index ranges, and a column's count, amount,
-- weighted amount and first cards come from the index alone (drizzle's index builder has no INCLUDE: by hand).
CREATE INDEX "projects_board_scope_idx" ON "projects" USING btree ("process_id", "owner_id", "stage_id") INCLUDE ("amount", "probability", "expected_sign_date", "id") WHERE status = 'open' and deleted_at is null;
