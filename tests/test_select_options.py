"""Every select writes its options one way (regionalprogram.widgets.options_html, called by
templates/django/forms/widgets/select.html): what Django's option templates wrote, escaped, with the
empty choice named in the reader's language."""

from __future__ import annotations

from django import forms
from django.utils import translation


class Pick(forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "---------"), ("a", "A & <b>"), ("b", 'Say "hi"')], required=False
    )
    grouped = forms.MultipleChoiceField(
        choices=[("Oblasts", [("1", "Chüy"), ("2", "Talas")]), ("3", "Bishkek")],
        widget=forms.SelectMultiple(attrs={"data-x": "y"}),
    )


def test_options_are_written_as_django_wrote_them_and_escaped():
    html = str(Pick(initial={"plain": "b", "grouped": ["2", "3"]})["plain"])
    assert html.startswith('<select name="plain" id="id_plain">')
    assert '<option value="a">A &amp; &lt;b&gt;</option>' in html
    assert '<option value="b" selected>Say &quot;hi&quot;</option>' in html
    assert "---------" not in html


def test_groups_and_several_chosen():
    html = str(Pick(initial={"grouped": ["2", "3"]})["grouped"])
    assert "multiple" in html and 'data-x="y"' in html
    assert '<optgroup label="Oblasts">' in html and "</optgroup>" in html
    assert '<option value="1">Chüy</option>' in html
    assert '<option value="2" selected>Talas</option>' in html
    assert '<option value="3" selected>Bishkek</option>' in html
    assert html.index("Talas") < html.index("</optgroup>") < html.index("Bishkek")


def test_the_empty_choice_is_named_in_every_language():
    names = {}
    for lang in ("ky", "ru", "en"):
        with translation.override(lang):
            html = str(Pick()["plain"])
            empty = html.split('<option value=""', 1)[1].split("</option>", 1)[0]
            names[lang] = empty.split(">", 1)[1]
    assert names["en"] == "— choose —"
    assert len(set(names.values())) == 3, names
