CREATE TABLE "sales_catalog_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "sales_catalog_version" ("id", "version") VALUES (1, 0);--> statement-breakpoint
CREATE FUNCTION psm_sales_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sales_catalog_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER psm_sales_processes_catalog AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sales_processes" FOR EACH STATEMENT EXECUTE FUNCTION psm_sales_catalog_changed();--> statement-breakpoint
CREATE TRIGGER psm_sales_stages_catalog AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sales_stages" FOR EACH STATEMENT EXECUTE FUNCTION psm_sales_catalog_changed();
