"""What every form field says and looks like, set once for all forms (issue 14, item 5).

Django's defaults are generic ("Dit veld is verplicht.", "---------" as the empty choice, a number
input as wide as the page). ``refine_field`` replaces them on each field the moment a form first
uses it (rendering or validating: both go through ``BoundField``), so it sees the field as the form
left it after its own ``__init__`` (its label, queryset, required …):

- **specific messages** naming the field, as GOV.UK does: "Vul achternaam in", "Kies school",
  "Aantal plaatsen moet een heel getal zijn", "… moet 0 of meer zijn" ("Beantwoord deze vraag"
  when the label is a question); a message the form set itself is kept;
- **a real empty choice**: "— kies —" instead of "---------" (model choice fields and the blank
  choice of a field with choices);
- **sensible widths**: number inputs get ``input-narrow`` (``static/css/app.css``).

``install`` (``PartnershipsConfig.ready``) hooks it into ``BoundField.__init__``."""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.utils import pretty_name
from django.utils.translation import gettext as _

DASHES = "---------"
_MARK = "_refined_by_form_defaults"


def empty_label() -> str:
    return _("— choose —")


def _defaults(field: forms.Field) -> dict:
    messages = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def _in_sentence(label: str) -> str:
    """Inside a sentence "Achternaam" becomes "achternaam"; "BRIN-nummer" stays as it is."""
    if len(label) > 1 and label[0].isupper() and not label[1].isupper():
        return label[0].lower() + label[1:]
    return label


def _messages(field: forms.Field, label: str) -> dict:
    inner, whole = _in_sentence(label), label
    # Messages Django formats with parameters (the limit, the value) need a literal % doubled.
    inner_p, whole_p = inner.replace("%", "%%"), whole.replace("%", "%%")
    limit = {"limit": "%(limit_value)s"}
    choice = (forms.ChoiceField, forms.ModelChoiceField, forms.ModelMultipleChoiceField)
    if len(label) > 40 or label.rstrip().endswith(("?", ".", ":")):  # a survey's statement
        required = _("Answer this question")
    elif isinstance(field, forms.BooleanField):
        required = _("Tick “%(label)s”") % {"label": whole}
    elif isinstance(field, forms.FileField):
        required = _("Choose a file for %(label)s") % {"label": inner}
    elif isinstance(field, choice):
        required = _("Choose %(label)s") % {"label": inner}
    else:
        required = _("Enter %(label)s") % {"label": inner}
    messages = {"required": required}
    if isinstance(field, forms.DecimalField | forms.FloatField):  # both are IntegerFields too
        messages["invalid"] = _("%(label)s must be a number") % {"label": whole}
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = _("%(label)s must be a whole number") % {"label": whole}
    elif isinstance(field, forms.DateTimeField):
        messages["invalid"] = _("%(label)s must be a real date and time") % {"label": whole}
    elif isinstance(field, forms.DateField):
        messages["invalid"] = _("%(label)s must be a real date") % {"label": whole}
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = _("Enter an e-mail address like name@school.nl")
    if isinstance(field, forms.IntegerField):
        messages["min_value"] = _("%(label)s must be %(limit)s or more") % (
            {"label": whole_p} | limit
        )
        messages["max_value"] = _("%(label)s must be %(limit)s or less") % (
            {"label": whole_p} | limit
        )
    if isinstance(field, choice):
        messages["invalid_choice"] = _("Choose %(label)s from the list") % {"label": inner_p}
    return messages


def refine_field(field: forms.Field, name: str) -> None:
    if getattr(field, _MARK, False):
        return
    setattr(field, _MARK, True)
    label = str(field.label) if field.label else pretty_name(name)
    defaults = _defaults(field)
    for code, message in _messages(field, label).items():
        current = field.error_messages.get(code)
        default = defaults.get(code)
        if current is None or default is None or str(current) == str(default):
            field.error_messages[code] = message
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None and str(field.empty_label) == DASHES:
            field.empty_label = empty_label()
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if any(value == "" and str(text) == DASHES for value, text in choices):
            field.choices = [
                (value, empty_label() if value == "" and str(text) == DASHES else text)
                for value, text in choices
            ]
    if isinstance(field.widget, forms.NumberInput):
        classes = field.widget.attrs.get("class", "")
        if "input-narrow" not in classes.split():
            field.widget.attrs["class"] = f"{classes} input-narrow".strip()


def install() -> None:
    """Refine every field as its form first uses it (once per field of a form instance)."""
    original = BoundField.__init__
    if getattr(original, _MARK, False):
        return

    def __init__(self, form, field, name):
        refine_field(field, name)
        original(self, form, field, name)

    setattr(__init__, _MARK, True)
    BoundField.__init__ = __init__
