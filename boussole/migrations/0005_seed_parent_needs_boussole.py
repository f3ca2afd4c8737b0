from django.db import migrations


def seed(apps, schema_editor):
    from boussole.needs import ensure_default_needs

    ensure_default_needs(apps.get_model("boussole", "ParentNeed"))


class Migration(migrations.Migration):
    dependencies = [("boussole", "0004_parent_needs_and_child_ages_boussole")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
