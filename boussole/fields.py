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
