"""French, English and Arabic content locales, so that wagtail-localize can hold translations of every page,
term and snippet (``WAGTAIL_CONTENT_LANGUAGES``)."""

from django.db import migrations

CODES = ["fr", "en", "ar"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in CODES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("portail", "0004_merge_20261204_1811"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
