CREATE TABLE "organization_totals" (
	"owner_id" uuid NOT NULL,
	"type" text NOT NULL,
	"live_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "organization_totals_owner_id_type_pk" PRIMARY KEY("owner_id","type")
);
--> statement-breakpoint
-- organization_totals follows every write of organizations. Inserts and deletes are counted once per statement from
-- its transition table (an import inserts thousands of rows in a statement: one upsert per owner and type, not one
-- per row); an update is counted per row, and only when it changes the owner, the type or deletion — the one kind of
-- update that moves a count (a visit's last-activity date does not fire it). Rows are touched in key order, so two
-- statements moving organisations between the same owners cannot deadlock on them.
CREATE FUNCTION psm_organization_totals_add(p_owner uuid, p_type text, p_change integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO organization_totals AS t (owner_id, type, live_count) VALUES (p_owner, p_type, p_change)
  ON CONFLICT (owner_id, type) DO UPDATE SET live_count = t.live_count + EXCLUDED.live_count
$$;--> statement-breakpoint
CREATE FUNCTION psm_organization_totals_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- changed_rows: the statement's inserted rows (counted up) or deleted rows (counted down).
  INSERT INTO organization_totals AS t (owner_id, type, live_count)
  SELECT owner_id, type, CASE TG_OP WHEN 'INSERT' THEN count(*) ELSE -count(*) END FROM changed_rows
   WHERE owner_id IS NOT NULL AND deleted_at IS NULL GROUP BY owner_id, type ORDER BY owner_id, type
  ON CONFLICT (owner_id, type) DO UPDATE SET live_count = t.live_count + EXCLUDED.live_count;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION psm_organization_totals_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_counts boolean := OLD.owner_id IS NOT NULL AND OLD.deleted_at IS NULL;
  new_counts boolean := NEW.owner_id IS NOT NULL AND NEW.deleted_at IS NULL;
BEGIN
  IF old_counts AND new_counts AND (OLD.owner_id, OLD.type) > (NEW.owner_id, NEW.type) THEN
    PERFORM psm_organization_totals_add(NEW.owner_id, NEW.type, 1);
    new_counts := false;
  END IF;
  IF old_counts THEN
    PERFORM psm_organization_totals_add(OLD.owner_id, OLD.type, -1);
  END IF;
  IF new_counts THEN
    PERFORM psm_organization_totals_add(NEW.owner_id, NEW.type, 1);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER organizations_totals_inserted AFTER INSERT ON organizations
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION psm_organization_totals_counted();--> statement-breakpoint
CREATE TRIGGER organizations_totals_deleted AFTER DELETE ON organizations
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION psm_organization_totals_counted();--> statement-breakpoint
CREATE TRIGGER organizations_totals_updated AFTER UPDATE OF owner_id, type, deleted_at ON organizations FOR EACH ROW
  WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.type IS DISTINCT FROM NEW.type OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION psm_organization_totals_updated();--> statement-breakpoint
INSERT INTO organization_totals (owner_id, type, live_count)
SELECT owner_id, type, count(*) FROM organizations WHERE owner_id IS NOT NULL AND deleted_at IS NULL GROUP BY owner_id, type;
