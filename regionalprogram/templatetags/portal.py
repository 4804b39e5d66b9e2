"""Template helpers for official wording: long dates, legal-act labels, deadlines, statuses."""

from __future__ import annotations

import datetime

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaksbr
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from regionalprogram.formats import short_date
from regionalprogram.languages import (
    LANGUAGE_CODES,
    LANGUAGE_NAMES,
    missing_languages,
    text_in_language,
)
from regionalprogram.widgets import option_html, options_html

register = template.Library()


def _month_in_phrase(month: int) -> str:
    # The month as it stands in "the order of 17 January 2024": genitive in Russian, the
    # "-дагы" adjectival form in Kyrgyz ("17-январындагы"). Each is a msgid with its own context
    # so the translators see which grammatical form is wanted.
    names = {
        1: pgettext("month in a dated phrase", "January"),
        2: pgettext("month in a dated phrase", "February"),
        3: pgettext("month in a dated phrase", "March"),
        4: pgettext("month in a dated phrase", "April"),
        5: pgettext("month in a dated phrase", "May"),
        6: pgettext("month in a dated phrase", "June"),
        7: pgettext("month in a dated phrase", "July"),
        8: pgettext("month in a dated phrase", "August"),
        9: pgettext("month in a dated phrase", "September"),
        10: pgettext("month in a dated phrase", "October"),
        11: pgettext("month in a dated phrase", "November"),
        12: pgettext("month in a dated phrase", "December"),
    }
    return names[month]


@register.filter
def long_date(value) -> str:
    """'2024-жылдын 12-июнундагы' / '12 июня 2024 года' / '12 June 2024'."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return pgettext("long date: day, month, year", "%(day)s %(month)s %(year)s") % {
        "day": value.day,
        "month": _month_in_phrase(value.month),
        "year": value.year,
    }


# The kind of act in the three places an official text puts it; each its own msgid context, so
# that translators give the grammatical form wanted (ky possessive "токтому" after an issuer in the
# genitive, bare "токтом" without one, "токтомуна" after "annex to"; ru "постановлению" likewise).
_ACT_KIND = {
    "with issuer": {
        "decree": lambda: pgettext("legal act in a dated phrase", "Decree"),
        "law": lambda: pgettext("legal act in a dated phrase", "Law"),
        "resolution": lambda: pgettext("legal act in a dated phrase", "Resolution"),
        "order": lambda: pgettext("legal act in a dated phrase", "Order"),
        "other": lambda: pgettext("legal act in a dated phrase", "Act"),
    },
    "without issuer": {
        "decree": lambda: pgettext("legal act named without its issuer", "Decree"),
        "law": lambda: pgettext("legal act named without its issuer", "Law"),
        "resolution": lambda: pgettext("legal act named without its issuer", "Resolution"),
        "order": lambda: pgettext("legal act named without its issuer", "Order"),
        "other": lambda: pgettext("legal act named without its issuer", "Act"),
    },
    "annex": {
        "decree": lambda: pgettext("legal act after 'annex to'", "Decree"),
        "law": lambda: pgettext("legal act after 'annex to'", "Law"),
        "resolution": lambda: pgettext("legal act after 'annex to'", "Resolution"),
        "order": lambda: pgettext("legal act after 'annex to'", "Order"),
        "other": lambda: pgettext("legal act after 'annex to'", "Act"),
    },
}


def _kind(act, place: str) -> str:
    forms = _ACT_KIND[place]
    return forms.get(act.kind, forms["other"])()


def _tidy(text: str) -> str:
    return " ".join(text.split())


@register.filter
def act_label(act) -> str:
    """The act's official name in the active language, issuer included where it is known:
    "Постановление Кабинета Министров Кыргызской Республики от 18 марта 2025 года № 135",
    "Кыргыз Республикасынын Министрлер Кабинетинин 2025-жылдын 18-мартындагы № 135 токтому",
    "Resolution of the Cabinet of Ministers of the Kyrgyz Republic No. 135 of 18 March 2025"."""
    if act is None:
        return ""
    values = {"date": long_date(act.date), "number": act.number}
    if act.issuer_genitive:
        text = pgettext(
            "official name of a legal act", "%(kind)s %(issuer)s No. %(number)s of %(date)s"
        ) % {**values, "kind": _kind(act, "with issuer"), "issuer": act.issuer_genitive}
    else:
        text = _("%(kind)s of %(date)s No. %(number)s") % {
            **values,
            "kind": _kind(act, "without issuer"),
        }
    return _tidy(text)


def annex_reference(act) -> str:
    """The annex line above a table the act approves: "Приложение к постановлению Кабинета
    Министров Кыргызской Республики от 18 марта 2025 года № 135"."""
    text = pgettext(
        "annex to a legal act", "Annex to %(kind)s %(issuer)s No. %(number)s of %(date)s"
    )
    return _tidy(
        text
        % {
            "kind": _kind(act, "annex"),
            "issuer": act.issuer_genitive,
            "date": long_date(act.date),
            "number": act.number,
        }
    )


register.filter("short_date", short_date)


@register.filter
def period_label(measure) -> str:
    """The machine period behind a written deadline: '01.10.2026 – 31.12.2026'."""
    start, end = measure.deadline_start, measure.deadline_end
    if start and end and start != end:
        return f"{short_date(start)} – {short_date(end)}"
    if end:
        return short_date(end)
    return ""


@register.filter
def get_item(mapping, key):
    if mapping is None:
        return None
    return mapping.get(key)


@register.simple_tag(takes_context=True)
def url_in_language(context, lang_code: str) -> str:
    """The current page in another language: swap the language prefix of the path."""
    request = context.get("request")
    if request is None:
        return f"/{lang_code}/"
    from django.conf import settings

    path = request.get_full_path()
    codes = {code for code, _name in settings.LANGUAGES}
    parts = path.split("/", 2)
    if len(parts) > 1 and parts[1] in codes:
        rest = parts[2] if len(parts) > 2 else ""
        return f"/{lang_code}/{rest}"
    return f"/{lang_code}{path}"


@register.simple_tag
def tr(obj, field: str, linebreaks: bool = False, truncate: int = 0):
    """A translated field as the reader gets it, marked when it is in another language.

    ``{% tr measure "title" %}``: the text in the page's language; when that language is empty and
    the text falls back to another, it carries that language's ``lang`` attribute (so a screen
    reader reads it right) and a small marker naming the language it is written in.
    ``{% tr news "text" True %}`` keeps its line breaks; ``truncate=30`` cuts it to 30 words."""
    if obj is None:
        return ""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    text, written_in = text_in_language(obj, field, language)
    if truncate:
        text = Truncator(text).words(truncate, truncate=" …")
    return _marked(text, written_in, language, linebreaks)


@register.simple_tag
def written_in(text: str, lang: str, linebreaks: bool = False):
    """A text stored once, in the language it was written in (a proposal, a reviewer's comment,
    a change reason): ``{% written_in report.review_comment report.review_language True %}``.
    Marked like ``tr``'s fallback when that language is not the page's; shown as it is when the
    language was not recorded."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    known = lang if lang in LANGUAGE_CODES else language
    return _marked(text or "", known, language, linebreaks, translated=False)


def _marked(text: str, written_in: str, language: str, linebreaks: bool, translated: bool = True):
    body = linebreaksbr(text) if linebreaks else conditional_escape(text)
    if written_in == language or not text:
        return body
    name = LANGUAGE_NAMES.get(written_in, written_in)
    if translated:  # a translated field whose text in the page's language is still missing
        title = _("Not yet translated; shown in %(language)s") % {"language": name}
    else:  # a text that exists in one language only
        title = _("Language of the text: %(language)s") % {"language": name}
    return format_html(
        '<span lang="{}" class="fallback-text">{}</span> '
        '<abbr class="lang-marker" title="{}">{}</abbr>',
        written_in,
        body,
        title,
        written_in.upper(),
    )


@register.simple_tag
def untranslated(obj, *fields):
    """The languages a row still lacks, for editors' lists: "EN" or "RU, EN" (empty when none)."""
    missing = missing_languages(obj, fields)
    codes = [code for code in LANGUAGE_CODES if any(code in langs for langs in missing.values())]
    return ", ".join(code.upper() for code in codes)


@register.simple_tag
def select_options(widget: dict) -> str:
    """A select's options (templates/django/forms/widgets/select.html): regionalprogram.widgets."""
    return options_html(widget)


@register.simple_tag
def select_option(option: dict) -> str:
    """One option, where a widget includes select_option.html itself."""
    return option_html(option)
