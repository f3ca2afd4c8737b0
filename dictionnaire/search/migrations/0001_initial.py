import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
from django.contrib.postgres.operations import CreateExtension, TrigramExtension, UnaccentExtension
from django.db import migrations, models

POSTGRES_INDEXES = [
    # GiST, not GIN: nearest-neighbour ordering (<->, <<->) reads only the closest keys.
    "CREATE INDEX IF NOT EXISTS search_key_compact_trgm ON dictionnaire_search_searchkey USING gist (compact gist_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_key_phonetic_trgm ON dictionnaire_search_searchkey USING gist (phonetic gist_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_key_folded_trgm ON dictionnaire_search_searchkey USING gist (folded gist_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_key_compact_prefix ON dictionnaire_search_searchkey (compact varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS search_key_compact_length ON dictionnaire_search_searchkey (length(compact))",
    "CREATE INDEX IF NOT EXISTS search_document_vector ON dictionnaire_search_searchdocument USING gin (search_vector)",
]


def create_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRES_INDEXES:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        # unaccent first: pg_trgm's set-up on a fresh database expects it (no-ops on SQLite).
        UnaccentExtension(),
        TrigramExtension(),
        CreateExtension("fuzzystrmatch"),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(max_length=255, unique=True, verbose_name="slug")),
                ("term", models.CharField(max_length=255, verbose_name="mot")),
                ("url", models.CharField(max_length=500, verbose_name="adresse")),
                ("short_definition", models.TextField(blank=True, verbose_name="définition courte")),
                ("category", models.CharField(blank=True, max_length=120, verbose_name="catégorie")),
                ("variants", models.JSONField(blank=True, default=list, verbose_name="variantes")),
                ("synonyms", models.JSONField(blank=True, default=list, verbose_name="synonymes")),
                ("full_text", models.TextField(blank=True, verbose_name="texte complet")),
                ("stems", models.TextField(blank=True)),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
            ],
            options={"verbose_name": "mot indexé", "verbose_name_plural": "mots indexés"},
        ),
        migrations.CreateModel(
            name="SearchKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("term", "mot"),
                            ("variant", "variante"),
                            ("synonym", "synonyme"),
                            ("spelled", "sigle épelé"),
                        ],
                        max_length=10,
                    ),
                ),
                ("text", models.CharField(max_length=255)),
                ("folded", models.CharField(max_length=255)),
                ("compact", models.CharField(db_index=True, max_length=255)),
                ("singular", models.CharField(db_index=True, max_length=255)),
                ("phonetic", models.CharField(db_index=True, max_length=255)),
                ("skeleton", models.CharField(blank=True, db_index=True, max_length=255)),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="keys",
                        to="dictionnaire_search.searchdocument",
                    ),
                ),
            ],
            options={"verbose_name": "écriture d'un mot"},
        ),
        migrations.CreateModel(
            name="UnansweredSearch",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("query", models.CharField(max_length=100, verbose_name="mot cherché")),
                ("day", models.DateField(default=django.utils.timezone.localdate, verbose_name="jour")),
                ("count", models.PositiveIntegerField(default=0, verbose_name="nombre de recherches")),
            ],
            options={
                "verbose_name": "mot cherché sans réponse",
                "verbose_name_plural": "mots cherchés sans réponse",
                "ordering": ["-day", "-count"],
                "constraints": [
                    models.UniqueConstraint(fields=("query", "day"), name="unanswered_search_once_a_day")
                ],
            },
        ),
        migrations.RunPython(create_postgres_indexes, migrations.RunPython.noop),
    ]
