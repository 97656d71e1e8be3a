-- Every API server caches the GET /api/config body by version. These triggers tell all of them about each change
-- (from any process, including rotate-key and manual SQL) at commit time, so a GET needs no database round trip.
-- The payload is the stored version, 0 when the row is gone.
CREATE FUNCTION notify_config_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM pg_notify('event_dedup_config', NEW.version::text);
    ELSE
        PERFORM pg_notify('event_dedup_config', '0');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER config_settings_notify
    AFTER INSERT OR UPDATE OR DELETE ON config_settings
    FOR EACH ROW EXECUTE FUNCTION notify_config_change();

CREATE TRIGGER config_settings_notify_truncate
    AFTER TRUNCATE ON config_settings
    FOR EACH STATEMENT EXECUTE FUNCTION notify_config_change();
