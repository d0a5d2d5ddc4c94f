ALTER TABLE "organizations" ADD COLUMN "search_bigrams" text[] GENERATED ALWAYS AS (psm_bigrams(name || ' ' || coalesce(short_name, ''))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "organizations_live_owner_type_idx" ON "organizations" USING btree ("owner_id","type") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "organizations_search_bigrams_idx" ON "organizations" USING gin ("search_bigrams");--> statement-breakpoint
CREATE INDEX "organizations_phone_trgm_idx" ON "organizations" USING gin ("phone" gin_trgm_ops);