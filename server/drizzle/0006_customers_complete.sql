CREATE TABLE "reminder_log" (
	"kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"for_date" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_log_kind_record_id_user_id_for_date_pk" PRIMARY KEY("kind","record_id","user_id","for_date")
);
--> statement-breakpoint
CREATE TABLE "competitor_profiles" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"category" text,
	"products" text,
	"strengths" text,
	"weaknesses" text,
	"price_level" text,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_pools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"department_id" uuid,
	"max_owned_per_rep" integer,
	"no_follow_up_days" integer,
	"no_deal_days" integer,
	"warning_days" integer,
	"daily_claim_limit" integer,
	"reclaim_cooldown_days" integer,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"due_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pool_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"pool_id" uuid NOT NULL,
	"action" text NOT NULL,
	"user_id" uuid,
	"actor_id" uuid,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_positions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"title" text,
	"department" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text DEFAULT '' NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"search_bigrams" text[] GENERATED ALWAYS AS (psm_bigrams(name)) STORED NOT NULL,
	"gender" text,
	"title" text,
	"department" text,
	"mobile" text,
	"phone" text,
	"email" text,
	"wechat" text,
	"birthday" date,
	"buying_role" text,
	"attitude" text,
	"relationship_level" smallint,
	"hobbies" text,
	"family_notes" text,
	"personal_notes" text,
	"revisit_on" date,
	"last_activity_at" timestamp with time zone,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"merged_into_id" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organization_ties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_organization_id" uuid NOT NULL,
	"to_organization_id" uuid NOT NULL,
	"type" text NOT NULL,
	"label" text,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_ties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_kind" text NOT NULL,
	"from_id" uuid NOT NULL,
	"to_kind" text NOT NULL,
	"to_id" uuid NOT NULL,
	"type" text NOT NULL,
	"label" text,
	"strength" integer,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"list_key" text NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"columns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"file_name" text NOT NULL,
	"file" "bytea" NOT NULL,
	"shape" text NOT NULL,
	"headers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"duplicate_action" text DEFAULT 'skip' NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created_rows" integer DEFAULT 0 NOT NULL,
	"updated_rows" integer DEFAULT 0 NOT NULL,
	"skipped_rows" integer DEFAULT 0 NOT NULL,
	"error_rows" integer DEFAULT 0 NOT NULL,
	"error" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"shape" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_row_problems" (
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"kind" text NOT NULL,
	"problems" jsonb NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"matched_id" uuid,
	CONSTRAINT "import_row_problems_job_id_row_number_kind_pk" PRIMARY KEY("job_id","row_number","kind")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "stage" text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "grade_score" numeric(7, 2);--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "graded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "pool_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "pooled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "owned_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "last_activity_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "last_deal_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "pool_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "revisit_on" date;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "competitor_profiles" ADD CONSTRAINT "competitor_profiles_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitor_profiles" ADD CONSTRAINT "competitor_profiles_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_pools" ADD CONSTRAINT "customer_pools_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_handovers" ADD CONSTRAINT "lead_handovers_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_handovers" ADD CONSTRAINT "lead_handovers_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_moves" ADD CONSTRAINT "pool_moves_pool_id_customer_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."customer_pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_moves" ADD CONSTRAINT "pool_moves_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_moves" ADD CONSTRAINT "pool_moves_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_positions" ADD CONSTRAINT "contact_positions_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_positions" ADD CONSTRAINT "contact_positions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_merged_into_id_contacts_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_ties" ADD CONSTRAINT "organization_ties_from_organization_id_organizations_id_fk" FOREIGN KEY ("from_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_ties" ADD CONSTRAINT "organization_ties_to_organization_id_organizations_id_fk" FOREIGN KEY ("to_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_ties" ADD CONSTRAINT "organization_ties_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_ties" ADD CONSTRAINT "person_ties_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_row_problems" ADD CONSTRAINT "import_row_problems_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_pools_department_key" ON "customer_pools" USING btree (coalesce("department_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "lead_handovers_to_idx" ON "lead_handovers" USING btree ("to_user_id","status");--> statement-breakpoint
CREATE INDEX "lead_handovers_from_idx" ON "lead_handovers" USING btree ("from_user_id","status");--> statement-breakpoint
CREATE INDEX "lead_handovers_due_idx" ON "lead_handovers" USING btree ("due_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "lead_handovers_open_key" ON "lead_handovers" USING btree ("organization_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "pool_moves_user_idx" ON "pool_moves" USING btree ("user_id","action","at");--> statement-breakpoint
CREATE INDEX "pool_moves_organization_idx" ON "pool_moves" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "contact_positions_contact_idx" ON "contact_positions" USING btree ("contact_id","started_at");--> statement-breakpoint
CREATE INDEX "contact_positions_organization_idx" ON "contact_positions" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_number_key" ON "contacts" USING btree ("number");--> statement-breakpoint
CREATE INDEX "contacts_organization_idx" ON "contacts" USING btree ("organization_id","name") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_updated_idx" ON "contacts" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_pinyin_trgm_idx" ON "contacts" USING gin ("name_pinyin" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_initials_trgm_idx" ON "contacts" USING gin ("name_initials" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_bigrams_idx" ON "contacts" USING gin ("search_bigrams");--> statement-breakpoint
CREATE INDEX "contacts_mobile_idx" ON "contacts" USING btree ("mobile");--> statement-breakpoint
CREATE INDEX "contacts_phone_idx" ON "contacts" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "contacts_email_idx" ON "contacts" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "contacts_birthday_idx" ON "contacts" USING btree (extract(month from "birthday"),extract(day from "birthday")) WHERE birthday is not null and deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_revisit_idx" ON "contacts" USING btree ("revisit_on") WHERE revisit_on is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "organization_ties_key" ON "organization_ties" USING btree ("from_organization_id","to_organization_id","type");--> statement-breakpoint
CREATE INDEX "organization_ties_to_idx" ON "organization_ties" USING btree ("to_organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_ties_key" ON "person_ties" USING btree ("from_kind","from_id","to_kind","to_id","type");--> statement-breakpoint
CREATE INDEX "person_ties_from_idx" ON "person_ties" USING btree ("from_id");--> statement-breakpoint
CREATE INDEX "person_ties_to_idx" ON "person_ties" USING btree ("to_id");--> statement-breakpoint
CREATE INDEX "saved_views_user_idx" ON "saved_views" USING btree ("user_id","list_key");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_name_key" ON "saved_views" USING btree ("user_id","list_key","name");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_default_key" ON "saved_views" USING btree ("user_id","list_key") WHERE is_default;--> statement-breakpoint
CREATE INDEX "import_jobs_user_idx" ON "import_jobs" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "import_jobs_status_idx" ON "import_jobs" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_key" ON "import_mappings" USING btree ("user_id","record_type","shape");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_pool_id_customer_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."customer_pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_merged_into_id_organizations_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organizations_pool_idx" ON "organizations" USING btree ("pool_id","pooled_at") WHERE owner_id is null and deleted_at is null;--> statement-breakpoint
CREATE INDEX "organizations_stage_idx" ON "organizations" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "organizations_revisit_idx" ON "organizations" USING btree ("revisit_on") WHERE revisit_on is not null;--> statement-breakpoint
-- Built-in roles of existing databases get what new ones get from the baseline (bootstrap.ts): contacts follow the
-- organisation permissions of each role, the pool goes to the sales roles. Only additions; nothing else is touched.
UPDATE roles SET permissions = permissions || '["contact.view", "contact.create", "contact.edit", "contact.delete", "contact.export", "contact.import", "pool.view", "pool.assign", "pool.configure"]'::jsonb
 WHERE code IN ('admin', 'sales_director') AND builtin AND NOT permissions @> '["contact.view"]'::jsonb;
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["contact.view", "contact.create", "contact.edit", "contact.delete", "contact.export", "pool.view", "pool.assign"]'::jsonb
 WHERE code = 'sales_manager' AND builtin AND NOT permissions @> '["contact.view"]'::jsonb;
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["contact.view", "contact.create", "contact.edit", "contact.delete", "contact.export", "pool.view"]'::jsonb
 WHERE code = 'supervisor' AND builtin AND NOT permissions @> '["contact.view"]'::jsonb;
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["contact.view", "contact.create", "contact.edit", "contact.delete", "pool.view"]'::jsonb
 WHERE code = 'sales_rep' AND builtin AND NOT permissions @> '["contact.view"]'::jsonb;
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["contact.view", "contact.export"]'::jsonb
 WHERE code = 'finance' AND builtin AND NOT permissions @> '["contact.view"]'::jsonb;
--> statement-breakpoint
UPDATE roles SET permissions = permissions || '["contact.view"]'::jsonb
 WHERE code IN ('presales_engineer', 'logistics', 'service') AND builtin AND NOT permissions @> '["contact.view"]'::jsonb;
