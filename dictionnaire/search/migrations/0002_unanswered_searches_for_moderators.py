from django.db import migrations

#: Wagtail's own groups: moderators and editors (accompagnateurs work as editors) see the unanswered searches.
GROUPS = ["Moderators", "Editors"]


def grant_view_permission(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="dictionnaire_search", model="unansweredsearch")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_unansweredsearch",
        defaults={"name": "Can view mot cherché sans réponse"},
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke_view_permission(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="dictionnaire_search", codename="view_unansweredsearch"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dictionnaire_search", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_view_permission, revoke_view_permission)]
