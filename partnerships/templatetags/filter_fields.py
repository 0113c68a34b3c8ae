"""``{% load filter_fields %}{{ field|filter_field }}``: a list page's filter field with the
markup crispy's bootstrap5 pack writes (``div.mb-3``, ``label.form-label``, the widget with
``form-control``/``form-select``, ``invalid-feedback`` errors), without crispy's template.

Every list page renders its filter form on every request (``partnerships/_filter.html``); crispy
renders each field through its own template on top of the widget's, which cost a list page
15–25 % of its time (issue 18). Widgets other than text-like inputs and selects (checkboxes,
radios, multi-widgets) still go through crispy."""

from django import forms, template
from django.forms.widgets import Input
from django.utils.html import format_html, format_html_join

register = template.Library()

SELECTS = (forms.Select, forms.SelectMultiple)
SIMPLE = (Input, forms.Textarea, *SELECTS)
NOT_SIMPLE = (
    forms.CheckboxInput,
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
    forms.MultiWidget,
    forms.FileInput,
    forms.HiddenInput,
)


@register.filter
def filter_field(field):
    widget = field.field.widget
    if not isinstance(widget, SIMPLE) or isinstance(widget, NOT_SIMPLE):
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(field)
    css = "form-select" if isinstance(widget, SELECTS) else "form-control"
    kind = "textinput" if type(widget) is forms.TextInput else type(widget).__name__.lower()
    classes = " ".join(c for c in (widget.attrs.get("class", ""), kind, css) if c)
    attrs = {"class": classes}
    errors = field.errors
    error_id = f"{field.auto_id}_error"
    help_id = f"{field.auto_id}_helptext"
    described = []
    if errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
        described.append(error_id)
    if field.help_text:
        described.append(help_id)
    if described:
        attrs["aria-describedby"] = " ".join(described)
    error_html = ""
    if errors:
        error_html = format_html(
            '<div id="{}" class="invalid-feedback">{}</div>',
            error_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field.auto_id, error) for n, error in enumerate(errors, 1)),
            ),
        )
    help_html = ""
    if field.help_text:
        help_html = format_html('<div id="{}" class="form-text">{}</div>', help_id, field.help_text)
    label = ""
    if field.label:
        label = format_html(
            '<label for="{}" class="form-label">{}</label>', field.id_for_label, field.label
        )
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}{}</div>',
        field.auto_id,
        label,
        field.as_widget(attrs=attrs),
        error_html,
        help_html,
    )
