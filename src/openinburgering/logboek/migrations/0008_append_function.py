"""PostgreSQL: append rows to the processing log in one server-side call (docs/adr/0004, decision 4).

`logboek_append` claims the positions at the chain head, computes each row's hash in the canonical form
of logboek/chain.py, inserts the rows and moves the head, all in one statement. A view logging in
autocommit mode therefore holds the head's row lock only while the server runs that statement, never
across a round trip to a Python thread that may be waiting for the GIL; inside a service's transaction
the lock lasts until that transaction commits, as before.

The canonical form must stay identical to logboek/chain.py `row_hash` (tests compare the two over
generated text, ids and timestamps): JSON strings as to_json() writes them (the same escapes as Python's
json.dumps with ensure_ascii=False), integers as digits, null, and the time in UTC as ISO 8601 with
microseconds and "+00:00".

SQLite keeps the Python path: it has no concurrent writers to wait for.
"""

from django.db import migrations

from openinburgering.core.migration_ops import RunSQLFor

PG_APPEND = r"""
CREATE OR REPLACE FUNCTION logboek_append(
    p_trace_id text, p_at timestamptz, p_actor_id bigint, p_actor_label text, p_role text,
    p_inburgeraar_ids bigint[], p_dossier_ids bigint[],
    p_action text, p_subject text, p_purpose text, p_legal_ground text,
    OUT first_id bigint, OUT first_seq bigint, OUT last_hash text
) AS $$
DECLARE
    n integer := coalesce(cardinality(p_inburgeraar_ids), 0);
    head_seq bigint;
    previous text;
    before text;
    after text;
    hashes text[];
BEGIN
    IF n = 0 THEN
        RETURN;
    END IF;
    IF cardinality(p_dossier_ids) IS DISTINCT FROM n THEN
        RAISE EXCEPTION 'logboek_append: % inburgeraar ids but % dossier ids', n, cardinality(p_dossier_ids);
    END IF;
    UPDATE logboek_chainhead SET seq = seq + n WHERE id = 1 RETURNING seq, hash INTO head_seq, previous;
    IF NOT FOUND THEN
        -- No head yet (a database emptied by the test runner's flush): start one, then claim.
        INSERT INTO logboek_chainhead (id, seq, hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT (id) DO NOTHING;
        UPDATE logboek_chainhead SET seq = seq + n WHERE id = 1 RETURNING seq, hash INTO head_seq, previous;
    END IF;
    first_seq := head_seq - n + 1;
    -- What every row of this call shares, around its own seq, inburgeraar id and dossier id.
    before := ',' || coalesce(to_json(p_trace_id)::text, 'null')
        || ',' || to_json(to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00')::text
        || ',' || coalesce(p_actor_id::text, 'null')
        || ',' || coalesce(to_json(p_actor_label)::text, 'null')
        || ',' || coalesce(to_json(p_role)::text, 'null')
        || ',';
    after := ',' || coalesce(to_json(p_action)::text, 'null')
        || ',' || coalesce(to_json(p_subject)::text, 'null')
        || ',' || coalesce(to_json(p_purpose)::text, 'null')
        || ',' || coalesce(to_json(p_legal_ground)::text, 'null')
        || ']';
    hashes := array_fill(NULL::text, ARRAY[n]);
    FOR i IN 1..n LOOP
        previous := encode(sha256(convert_to(
            previous || E'\n[' || (first_seq + i - 1)::text || before
            || coalesce(p_inburgeraar_ids[i]::text, 'null') || ',' || coalesce(p_dossier_ids[i]::text, 'null')
            || after,
            'UTF8')), 'hex');
        hashes[i] := previous;
    END LOOP;
    WITH inserted AS (
        INSERT INTO logboek_verwerking (
            seq, trace_id, at, actor_id, actor_label, role, inburgeraar_id, dossier_id,
            action, subject, purpose, legal_ground, hash
        )
        SELECT first_seq + item.position - 1, p_trace_id, p_at, p_actor_id, p_actor_label, p_role,
               item.inburgeraar_id, item.dossier_id, p_action, p_subject, p_purpose, p_legal_ground, item.hash
        FROM unnest(p_inburgeraar_ids, p_dossier_ids, hashes)
             WITH ORDINALITY AS item (inburgeraar_id, dossier_id, hash, position)
        ORDER BY item.position
        RETURNING id
    )
    SELECT min(id) INTO first_id FROM inserted;
    UPDATE logboek_chainhead SET hash = previous WHERE id = 1;
    last_hash := previous;
END;
$$ LANGUAGE plpgsql;
"""

PG_DROP = (
    "DROP FUNCTION IF EXISTS logboek_append(text, timestamptz, bigint, text, text, bigint[], bigint[], "
    "text, text, text, text)"
)


class Migration(migrations.Migration):
    dependencies = [("logboek", "0007_truncate_and_delete_triggers")]
    operations = [RunSQLFor("postgresql", PG_APPEND, PG_DROP)]
