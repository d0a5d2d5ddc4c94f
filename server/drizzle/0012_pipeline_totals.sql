CREATE TABLE "pipeline_totals" (
	"process_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"open_count" integer DEFAULT 0 NOT NULL,
	"amount" numeric(20, 2) DEFAULT '0' NOT NULL,
	"weighted" numeric(24, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "pipeline_totals_process_id_owner_id_stage_id_pk" PRIMARY KEY("process_id","owner_id","stage_id")
);
--> statement-breakpoint
DROP INDEX "projects_board_idx";--> statement-breakpoint
-- The board's card pages (PRJ-11): walked in card order per stage, stopping after a page of owners in scope.
CREATE INDEX "projects_board_amount_idx" ON "projects" USING btree ("process_id", "stage_id", "amount" DESC NULLS LAST, "id")
  INCLUDE ("owner_id", "expected_sign_date") WHERE status = 'open' AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "projects_board_expected_idx" ON "projects" USING btree ("process_id", "stage_id", "expected_sign_date" ASC NULLS LAST, "id")
  INCLUDE ("owner_id", "amount") WHERE status = 'open' AND deleted_at IS NULL;--> statement-breakpoint
-- pipeline_totals follows every write of projects. A change that moves a project from one (process, owner, stage) to
-- another touches both rows in key order, so two moves in opposite directions cannot deadlock on them.
CREATE FUNCTION psm_pipeline_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_counts boolean := TG_OP <> 'INSERT' AND OLD.status = 'open' AND OLD.deleted_at IS NULL;
  new_counts boolean := TG_OP <> 'DELETE' AND NEW.status = 'open' AND NEW.deleted_at IS NULL;
  old_key text;
  new_key text;
BEGIN
  IF old_counts AND new_counts
     AND OLD.process_id = NEW.process_id AND OLD.stage_id = NEW.stage_id
     AND OLD.owner_id IS NOT DISTINCT FROM NEW.owner_id
     AND OLD.amount IS NOT DISTINCT FROM NEW.amount AND OLD.probability = NEW.probability THEN
    RETURN NULL;
  END IF;
  IF old_counts THEN
    old_key := OLD.process_id::text || coalesce(OLD.owner_id::text, '') || OLD.stage_id::text;
  END IF;
  IF new_counts THEN
    new_key := NEW.process_id::text || coalesce(NEW.owner_id::text, '') || NEW.stage_id::text;
  END IF;
  IF new_counts AND (NOT old_counts OR new_key < old_key) THEN
    PERFORM psm_pipeline_totals_add(NEW.process_id, NEW.owner_id, NEW.stage_id, 1, NEW.amount, NEW.probability);
    new_counts := false;
  END IF;
  IF old_counts THEN
    PERFORM psm_pipeline_totals_add(OLD.process_id, OLD.owner_id, OLD.stage_id, -1, OLD.amount, OLD.probability);
  END IF;
  IF new_counts THEN
    PERFORM psm_pipeline_totals_add(NEW.process_id, NEW.owner_id, NEW.stage_id, 1, NEW.amount, NEW.probability);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION psm_pipeline_totals_add(p_process uuid, p_owner uuid, p_stage uuid, p_sign integer, p_amount numeric, p_probability integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO pipeline_totals AS t (process_id, owner_id, stage_id, open_count, amount, weighted)
  VALUES (p_process, coalesce(p_owner, '00000000-0000-0000-0000-000000000000'), p_stage, p_sign,
          p_sign * coalesce(p_amount, 0), p_sign * coalesce(p_amount, 0) * p_probability)
  ON CONFLICT (process_id, owner_id, stage_id) DO UPDATE
    SET open_count = t.open_count + excluded.open_count, amount = t.amount + excluded.amount, weighted = t.weighted + excluded.weighted
$$;--> statement-breakpoint
CREATE TRIGGER projects_pipeline_totals AFTER INSERT OR DELETE OR UPDATE OF status, deleted_at, process_id, stage_id, owner_id, amount, probability
  ON projects FOR EACH ROW EXECUTE FUNCTION psm_pipeline_totals_apply();--> statement-breakpoint
INSERT INTO pipeline_totals (process_id, owner_id, stage_id, open_count, amount, weighted)
SELECT process_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'), stage_id, count(*), sum(coalesce(amount, 0)), sum(coalesce(amount, 0) * probability)
  FROM projects WHERE status = 'open' AND deleted_at IS NULL
 GROUP BY process_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'), stage_id;
