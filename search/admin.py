from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from search.models import SynonymGroup
from search.synonyms import SynonymTable


class SynonymGroupForm(forms.ModelForm):
    class Meta:
        model = SynonymGroup
        fields = ["line", "note"]

    def clean_line(self):
        line = self.cleaned_data["line"].strip()
        table = SynonymTable.parse(line)
        if table.problems:
            codes = {
                "single_term": _("同义词组至少需要两个词"),
                "empty_side": _("“=>” 两侧都需要有词"),
                "several_arrows": _("一行只能有一个 “=>”"),
            }
            raise forms.ValidationError(codes.get(table.problems[0].code, table.problems[0].code))
        return line


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    form = SynonymGroupForm
    list_display = ["line", "note", "updated_at"]
    search_fields = ["line", "note"]
