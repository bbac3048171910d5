-- One key per life domain everywhere: the database now stores the API's key
-- (living, health, ...) instead of the older Dutch keys.
UPDATE care_plan_domains SET domain = CASE domain
    WHEN 'wonen' THEN 'living'
    WHEN 'gezondheid' THEN 'health'
    WHEN 'dagbesteding' THEN 'daytime_activities'
    WHEN 'financien' THEN 'finances'
    WHEN 'sociale-contacten' THEN 'social_contacts'
    WHEN 'zelfzorg' THEN 'self_care'
    ELSE domain END;
UPDATE reports SET category = CASE category
    WHEN 'wonen' THEN 'living'
    WHEN 'gezondheid' THEN 'health'
    WHEN 'dagbesteding' THEN 'daytime_activities'
    WHEN 'financien' THEN 'finances'
    WHEN 'sociale-contacten' THEN 'social_contacts'
    WHEN 'zelfzorg' THEN 'self_care'
    ELSE category END;
