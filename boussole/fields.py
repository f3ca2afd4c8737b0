"""Model fields for data·inclusion values: lists of codes from a referential, edited as checkboxes."""

from django import forms
from django.db import models

from boussole.referentials import referential


class ReferentialMultipleChoiceField(forms.MultipleChoiceField):
    """Checkboxes for a referential; nothing ticked is stored as ``None`` (the schema's "no value")."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        value = super().clean(value)
        return list(value) or None

    def has_changed(self, initial, data):
        return sorted(initial or []) != sorted(data or [])


class ReferentialListField(models.JSONField):
    """A JSON list of codes of one data·inclusion referential (``thematiques``, ``publics``…), ``None`` if empty."""

    def __init__(self, *args, referential_name=None, **kwargs):
        self.referential_name = referential_name
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["referential_name"] = self.referential_name
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return ReferentialMultipleChoiceField(
            choices=lambda: list(referential(self.referential_name).items()),
            required=not self.blank,
            label=self.verbose_name[:1].upper() + self.verbose_name[1:],
            help_text=self.help_text,
        )


class NormalizedTextField(models.TextField):
    """Lower-case, accent-free copy of other fields (``normalize``), for searching and sorting in SQL.

    Recomputed from ``sources`` whenever a row is written by ``save()`` or ``bulk_create()`` (both call
    ``pre_save``); ``bulk_update()`` and ``update()`` do not, so code writing the sources that way must refresh
    it. A referential list among the sources contributes its labels.
    """

    def __init__(self, *args, sources=(), **kwargs):
        self.sources = tuple(sources)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = list(self.sources)
        for key, value in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key, value) == value:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def derived_value(self, instance):
        from boussole.referentials import normalize

        parts = []
        for name in self.sources:
            value = getattr(instance, name, None)
            if isinstance(value, list | tuple):
                referential_name = getattr(instance._meta.get_field(name), "referential_name", None)
                labels = referential(referential_name) if referential_name else {}
                value = " ".join(str(labels.get(code, code)) for code in value)
            parts.append(str(value or ""))
        return normalize(" ".join(parts))

    def pre_save(self, instance, add):
        value = self.derived_value(instance)
        setattr(instance, self.attname, value)
        return value


def refresh_normalized(instances):
    """Recomputes the :class:`NormalizedTextField` values of ``instances`` (all of one model), for a
    ``bulk_update()``, which does not; returns the names of those fields, to add to its ``fields``."""
    instances = list(instances)
    if not instances:
        return []
    fields = [f for f in instances[0]._meta.concrete_fields if isinstance(f, NormalizedTextField)]
    for instance in instances:
        for field in fields:
            field.pre_save(instance, add=False)
    return [field.name for field in fields]
