"""The two PostgreSQL roles of a production install (docs/adr/0004, docs/configuration.md).

The owner role (DB_MIGRATE_USER) owns every table and runs `migrate`. The runtime role (DB_USER) owns
nothing: it reads and writes the application's tables, but on the processing log it holds only INSERT and
SELECT, so it cannot UPDATE, DELETE or TRUNCATE a record, nor disable the log's triggers (which needs
ownership). On the chain head it may move the head forward (UPDATE; its trigger refuses going back).
"""

from django.db.backends.base.base import BaseDatabaseWrapper

LOG_TABLE = "logboek_verwerking"
HEAD_TABLE = "logboek_chainhead"


def _ident(connection: BaseDatabaseWrapper, name: str) -> str:
    return str(connection.ops.quote_name(name))


def runtime_grants(connection: BaseDatabaseWrapper, *, runtime_role: str, owner_role: str, schema: str) -> list[str]:
    """The statements that give `runtime_role` its rights on the tables `owner_role` owns in `schema`,
    now and for tables that later migrations create."""
    rt, owner, sch = (_ident(connection, n) for n in (runtime_role, owner_role, schema))
    log, head = (f"{sch}.{_ident(connection, t)}" for t in (LOG_TABLE, HEAD_TABLE))
    return [
        f"GRANT USAGE ON SCHEMA {sch} TO {rt}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {sch} TO {rt}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {sch} TO {rt}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {sch} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {rt}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {sch} GRANT USAGE, SELECT ON SEQUENCES TO {rt}",
        # The processing log: append and read, nothing else.
        f"REVOKE ALL ON {log} FROM {rt}",
        f"REVOKE ALL ON {log} FROM PUBLIC",
        f"GRANT SELECT, INSERT ON {log} TO {rt}",
        f"REVOKE ALL ON {head} FROM {rt}",
        f"REVOKE ALL ON {head} FROM PUBLIC",
        f"GRANT SELECT, INSERT, UPDATE ON {head} TO {rt}",
    ]


def runtime_role_problems(connection: BaseDatabaseWrapper, *, runtime_role: str, schema: str) -> list[str]:
    """What would let `runtime_role` change the processing log after all: superuser, owning a table,
    membership of a role that owns one, or a privilege beyond SELECT/INSERT on the log."""
    problems: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [runtime_role])
        found = cursor.fetchone()
        if found is None:
            return [f"role {runtime_role} does not exist"]
        if found[0]:
            problems.append(f"{runtime_role} is a superuser")
        cursor.execute(
            "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relname IN (%s, %s) AND pg_has_role(%s, c.relowner, 'USAGE')",
            [schema, LOG_TABLE, HEAD_TABLE, runtime_role],
        )
        problems += [
            f"{runtime_role} owns {table} (or is a member of its owner {owner})" for table, owner in cursor.fetchall()
        ]
        for privilege in ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES"):
            cursor.execute("SELECT has_table_privilege(%s, %s, %s)", [runtime_role, f"{schema}.{LOG_TABLE}", privilege])
            row = cursor.fetchone()
            if row and row[0]:
                problems.append(f"{runtime_role} holds {privilege} on {LOG_TABLE}")
    return problems
