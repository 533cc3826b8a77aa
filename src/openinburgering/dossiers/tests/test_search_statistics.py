"""The name search's column keeps a fine statistics target on PostgreSQL (migration 0007): with the default
the planner misjudged how many people a name matches and walked a million rows for one page."""

import pytest
from django.db import connection


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
@pytest.mark.django_db
def test_zoeknaam_is_analysed_with_a_thousand_buckets():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid = 'dossiers_inburgeraar'::regclass "
            "AND attname = 'zoeknaam'"
        )
        assert cursor.fetchone()[0] == 1000
