"""PostgreSQL: trigram indexes become GIN, every GIN index of the search is written through (no pending list), and
the keys one edit away from a short word are found by their first or last letter.

GiST trigram indexes answer ``%``, ``<%`` and ``=`` by walking lossy signatures: 2 to 10 ms per look-up at
10,000 terms, where GIN reads a few posting lists (0.1 to 0.7 ms). The engine orders by ``similarity()`` on a
bounded candidate set, so it does not need GiST's nearest-neighbour ordering. ``fastupdate = off``: the dictionary
is written rarely (a term published) and read at every keystroke of the autocomplete; with a pending list every
search would also scan the not-yet-merged entries until a vacuum merges them. A key one edit away from a word
shares its first letter or its last one: two indexes (letter, length) read a tenth of the keys the length index
read (the edit distance was computed for every key of the right length). ``search_key_compact_prefix`` repeated
Django's own ``varchar_pattern_ops`` index of ``compact``. No-ops on other databases.
"""

from django.db import migrations

TRIGRAM_COLUMNS = ["compact", "phonetic", "folded"]

FORWARD = [
    *(f"DROP INDEX IF EXISTS search_key_{column}_trgm" for column in TRIGRAM_COLUMNS),
    *(
        f"CREATE INDEX IF NOT EXISTS search_key_{column}_trgm ON dictionnaire_search_searchkey "
        f"USING gin ({column} gin_trgm_ops) WITH (fastupdate = off)"
        for column in TRIGRAM_COLUMNS
    ),
    "ALTER INDEX search_document_vector SET (fastupdate = off)",
    "SELECT gin_clean_pending_list('search_document_vector'::regclass)",
    "CREATE INDEX IF NOT EXISTS search_key_compact_first ON dictionnaire_search_searchkey "
    "(left(compact, 1), length(compact))",
    "CREATE INDEX IF NOT EXISTS search_key_compact_last ON dictionnaire_search_searchkey "
    "(right(compact, 1), length(compact))",
    "DROP INDEX IF EXISTS search_key_compact_length",
    "DROP INDEX IF EXISTS search_key_compact_prefix",
]

BACKWARD = [
    *(f"DROP INDEX IF EXISTS search_key_{column}_trgm" for column in TRIGRAM_COLUMNS),
    *(
        f"CREATE INDEX IF NOT EXISTS search_key_{column}_trgm ON dictionnaire_search_searchkey "
        f"USING gist ({column} gist_trgm_ops)"
        for column in TRIGRAM_COLUMNS
    ),
    "ALTER INDEX search_document_vector RESET (fastupdate)",
    "CREATE INDEX IF NOT EXISTS search_key_compact_length ON dictionnaire_search_searchkey (length(compact))",
    "CREATE INDEX IF NOT EXISTS search_key_compact_prefix ON dictionnaire_search_searchkey "
    "(compact varchar_pattern_ops)",
    "DROP INDEX IF EXISTS search_key_compact_first",
    "DROP INDEX IF EXISTS search_key_compact_last",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("dictionnaire_search", "0002_index_version"),
    ]

    operations = [
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
