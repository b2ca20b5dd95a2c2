-- batt cache, schema 0003: the size budget a verdict was computed under.
-- Like the time limit, it decides whether a verdict can be reused: a 'budget' verdict only
-- under a budget no larger, any other only under a budget no smaller. NULL: a row written
-- before this migration, whose budget is unknown (see VerdictRecord.isReusable).
ALTER TABLE verdicts ADD COLUMN budget INTEGER CHECK (budget IS NULL OR budget > 0);
