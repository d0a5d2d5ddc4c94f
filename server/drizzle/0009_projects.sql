CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sales_processes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text,
	"description_en" text,
	"builtin" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"product_lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"department_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"process_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" integer NOT NULL,
	"probability" smallint NOT NULL,
	"kind" text DEFAULT 'open' NOT NULL,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"inputs_zh" text,
	"inputs_en" text,
	"success_zh" text,
	"success_en" text,
	"milestone_zh" text,
	"milestone_en" text,
	"outputs_zh" text,
	"outputs_en" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_checklist" (
	"project_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"done_by" uuid,
	"done_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_checklist_project_id_stage_id_item_key_pk" PRIMARY KEY("project_id","stage_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "project_competitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"offer" text,
	"price" numeric(18, 2),
	"strengths" text,
	"weaknesses" text,
	"threat" smallint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_members" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"access" text DEFAULT 'read' NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_members_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"sort" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" text NOT NULL,
	"influence" smallint,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"conflict_project_id" uuid NOT NULL,
	"score" numeric(4, 3) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_stage_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"from_stage_id" uuid,
	"to_stage_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"approval_id" uuid,
	"moved_by" uuid,
	"moved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_stakeholders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"buying_role" text,
	"attitude" text,
	"influence" smallint,
	"relationship_level" smallint,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"milestone_id" uuid,
	"title" text NOT NULL,
	"assignee_id" uuid,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text DEFAULT '' NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"search_bigrams" text[] GENERATED ALWAYS AS (psm_bigrams(name)) STORED NOT NULL,
	"name_key" text DEFAULT '' NOT NULL,
	"organization_id" uuid NOT NULL,
	"site" text,
	"site_key" text DEFAULT '' NOT NULL,
	"region" text,
	"description" text,
	"amount" numeric(18, 2),
	"currency" text DEFAULT 'CNY' NOT NULL,
	"expected_sign_date" date,
	"source" text,
	"product_lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"budget_confirmed" boolean,
	"need_clarity" smallint,
	"process_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"stage_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"probability" smallint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"owner_id" uuid,
	"parent_id" uuid,
	"phase_label" text,
	"value_score" numeric(5, 2),
	"value_grade" text,
	"health_score" smallint,
	"close_reason" text,
	"lessons_learned" text,
	"closed_at" timestamp with time zone,
	"winner_organization_id" uuid,
	"winning_price" numeric(18, 2),
	"registration_status" text DEFAULT 'clear' NOT NULL,
	"protected_until" timestamp with time zone,
	"last_activity_at" timestamp with time zone,
	"stalled_alerted_at" timestamp with time zone,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tender_bidders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tender_id" uuid NOT NULL,
	"organization_id" uuid,
	"bidder_name" text NOT NULL,
	"is_us" boolean DEFAULT false NOT NULL,
	"price" numeric(18, 2),
	"rank" smallint,
	"result" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"tenderer_organization_id" uuid,
	"bid_decision" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"notice_on" date,
	"questions_due_at" timestamp with time zone,
	"submission_due_at" timestamp with time zone,
	"opening_at" timestamp with time zone,
	"product_line" text,
	"region" text,
	"our_price" numeric(18, 2),
	"currency" text DEFAULT 'CNY' NOT NULL,
	"result" text DEFAULT 'pending' NOT NULL,
	"winner_organization_id" uuid,
	"winning_price" numeric(18, 2),
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_stages" ADD CONSTRAINT "sales_stages_process_id_sales_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."sales_processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_checklist" ADD CONSTRAINT "project_checklist_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_checklist" ADD CONSTRAINT "project_checklist_stage_id_sales_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."sales_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_checklist" ADD CONSTRAINT "project_checklist_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_competitors" ADD CONSTRAINT "project_competitors_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_competitors" ADD CONSTRAINT "project_competitors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_notes" ADD CONSTRAINT "project_notes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_notes" ADD CONSTRAINT "project_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_organizations" ADD CONSTRAINT "project_organizations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_organizations" ADD CONSTRAINT "project_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_organizations" ADD CONSTRAINT "project_organizations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_registrations" ADD CONSTRAINT "project_registrations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_registrations" ADD CONSTRAINT "project_registrations_conflict_project_id_projects_id_fk" FOREIGN KEY ("conflict_project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_registrations" ADD CONSTRAINT "project_registrations_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_registrations" ADD CONSTRAINT "project_registrations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_history" ADD CONSTRAINT "project_stage_history_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_history" ADD CONSTRAINT "project_stage_history_from_stage_id_sales_stages_id_fk" FOREIGN KEY ("from_stage_id") REFERENCES "public"."sales_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_history" ADD CONSTRAINT "project_stage_history_to_stage_id_sales_stages_id_fk" FOREIGN KEY ("to_stage_id") REFERENCES "public"."sales_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_history" ADD CONSTRAINT "project_stage_history_moved_by_users_id_fk" FOREIGN KEY ("moved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stakeholders" ADD CONSTRAINT "project_stakeholders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stakeholders" ADD CONSTRAINT "project_stakeholders_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_tasks" ADD CONSTRAINT "project_tasks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_tasks" ADD CONSTRAINT "project_tasks_milestone_id_project_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."project_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_tasks" ADD CONSTRAINT "project_tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_tasks" ADD CONSTRAINT "project_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_process_id_sales_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."sales_processes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_stage_id_sales_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."sales_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_parent_id_projects_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_winner_organization_id_organizations_id_fk" FOREIGN KEY ("winner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_bidders" ADD CONSTRAINT "tender_bidders_tender_id_tenders_id_fk" FOREIGN KEY ("tender_id") REFERENCES "public"."tenders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_bidders" ADD CONSTRAINT "tender_bidders_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenders" ADD CONSTRAINT "tenders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenders" ADD CONSTRAINT "tenders_tenderer_organization_id_organizations_id_fk" FOREIGN KEY ("tenderer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenders" ADD CONSTRAINT "tenders_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenders" ADD CONSTRAINT "tenders_winner_organization_id_organizations_id_fk" FOREIGN KEY ("winner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenders" ADD CONSTRAINT "tenders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_record_idx" ON "attachments" USING btree ("record_type","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_processes_code_key" ON "sales_processes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_stages_process_code_key" ON "sales_stages" USING btree ("process_id","code");--> statement-breakpoint
CREATE INDEX "sales_stages_process_idx" ON "sales_stages" USING btree ("process_id","sort");--> statement-breakpoint
CREATE UNIQUE INDEX "project_competitors_key" ON "project_competitors" USING btree ("project_id","organization_id");--> statement-breakpoint
CREATE INDEX "project_competitors_organization_idx" ON "project_competitors" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "project_members_user_idx" ON "project_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "project_milestones_project_idx" ON "project_milestones" USING btree ("project_id","sort");--> statement-breakpoint
CREATE INDEX "project_notes_project_idx" ON "project_notes" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "project_organizations_key" ON "project_organizations" USING btree ("project_id","organization_id","role");--> statement-breakpoint
CREATE INDEX "project_organizations_organization_idx" ON "project_organizations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "project_registrations_project_idx" ON "project_registrations" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_registrations_pending_idx" ON "project_registrations" USING btree ("status") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "project_stage_history_project_idx" ON "project_stage_history" USING btree ("project_id","moved_at");--> statement-breakpoint
CREATE INDEX "project_stage_history_stage_idx" ON "project_stage_history" USING btree ("to_stage_id","moved_at");--> statement-breakpoint
CREATE UNIQUE INDEX "project_stakeholders_key" ON "project_stakeholders" USING btree ("project_id","contact_id");--> statement-breakpoint
CREATE INDEX "project_stakeholders_contact_idx" ON "project_stakeholders" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "project_tasks_project_idx" ON "project_tasks" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "project_tasks_assignee_idx" ON "project_tasks" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_number_key" ON "projects" USING btree ("number");--> statement-breakpoint
CREATE INDEX "projects_owner_idx" ON "projects" USING btree ("owner_id","updated_at");--> statement-breakpoint
CREATE INDEX "projects_board_idx" ON "projects" USING btree ("process_id","stage_id","owner_id") WHERE status = 'open' and deleted_at is null;--> statement-breakpoint
CREATE INDEX "projects_organization_idx" ON "projects" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "projects_parent_idx" ON "projects" USING btree ("parent_id") WHERE parent_id is not null;--> statement-breakpoint
CREATE INDEX "projects_updated_idx" ON "projects" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "projects_expected_idx" ON "projects" USING btree ("expected_sign_date");--> statement-breakpoint
CREATE INDEX "projects_status_idx" ON "projects" USING btree ("status");--> statement-breakpoint
CREATE INDEX "projects_name_trgm_idx" ON "projects" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "projects_name_key_trgm_idx" ON "projects" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "projects_pinyin_trgm_idx" ON "projects" USING gin ("name_pinyin" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "projects_initials_trgm_idx" ON "projects" USING gin ("name_initials" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "projects_search_bigrams_idx" ON "projects" USING gin ("search_bigrams");--> statement-breakpoint
CREATE INDEX "projects_custom_fields_idx" ON "projects" USING gin ("custom_fields");--> statement-breakpoint
CREATE INDEX "projects_stalled_idx" ON "projects" USING btree ("stage_entered_at") WHERE status = 'open' and deleted_at is null;--> statement-breakpoint
CREATE INDEX "tender_bidders_tender_idx" ON "tender_bidders" USING btree ("tender_id");--> statement-breakpoint
CREATE INDEX "tender_bidders_organization_idx" ON "tender_bidders" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenders_number_key" ON "tenders" USING btree ("number");--> statement-breakpoint
CREATE INDEX "tenders_project_idx" ON "tenders" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "tenders_submission_idx" ON "tenders" USING btree ("submission_due_at");--> statement-breakpoint
CREATE INDEX "tenders_price_history_idx" ON "tenders" USING btree ("product_line","region","opening_at");--> statement-breakpoint
-- Existing built-in roles get the project permissions and a project data scope equal to their organisation scope
-- (new databases get them from the bootstrap). Roles an administrator made keep what they have: scope 'own'.
UPDATE roles SET scopes = scopes || jsonb_build_object('project', coalesce(scopes->>'organization', 'own')) WHERE NOT scopes ? 'project';--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["project.view", "project.create", "project.edit", "project.delete", "project.export", "project.assign", "project.approve", "project.configure"]'::jsonb
 WHERE code IN ('admin', 'sales_director') AND builtin AND NOT permissions @> '["project.view"]'::jsonb;--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["project.view", "project.create", "project.edit", "project.delete", "project.export", "project.assign", "project.approve"]'::jsonb
 WHERE code = 'sales_manager' AND builtin AND NOT permissions @> '["project.view"]'::jsonb;--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["project.view", "project.create", "project.edit", "project.delete", "project.export"]'::jsonb
 WHERE code = 'supervisor' AND builtin AND NOT permissions @> '["project.view"]'::jsonb;--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["project.view", "project.create", "project.edit", "project.delete"]'::jsonb
 WHERE code = 'sales_rep' AND builtin AND NOT permissions @> '["project.view"]'::jsonb;--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["project.view", "project.edit"]'::jsonb
 WHERE code = 'presales_engineer' AND builtin AND NOT permissions @> '["project.view"]'::jsonb;--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["project.view", "project.export"]'::jsonb
 WHERE code = 'finance' AND builtin AND NOT permissions @> '["project.view"]'::jsonb;--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["project.view"]'::jsonb
 WHERE code IN ('logistics', 'service') AND builtin AND NOT permissions @> '["project.view"]'::jsonb;
