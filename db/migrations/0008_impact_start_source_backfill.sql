-- Before 0006 an unknown impact start was stored as the declaration time. A start earlier than the
-- declaration can only have been reported; one equal to it cannot be told from the default and stays
-- unknown (so it no longer counts as "detected at once" in MTTD).
UPDATE incidents SET impact_start_source = 'reported' WHERE impact_started_at < created_at;
