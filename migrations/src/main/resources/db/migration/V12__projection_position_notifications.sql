-- Every instance learns at once when a projection has moved, whoever runs it: a change of a projection's
-- position is announced on channel projection_position as '<projection>:<position>' (delivered when its
-- transaction commits, so a listener that hears N can read every row up to N). Instances LISTEN on one
-- connection each, instead of each waiting request polling the position.

CREATE FUNCTION projection_position_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('projection_position', NEW.projection || ':' || NEW.position);
    RETURN NULL;
END
$$;

CREATE TRIGGER projection_position_notify AFTER INSERT OR UPDATE ON projection_position
    FOR EACH ROW EXECUTE FUNCTION projection_position_notify();
