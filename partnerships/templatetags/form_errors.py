"""The error summary every form page shows (issue 14, item 5).

``base.html`` asks ``{% form_error_items as form_error_items %}`` once: every error of the bound
forms (and formsets) in the page's context, whatever the view named them. The page title then
starts with "Fout: " and ``partnerships/_error_summary.html`` lists the errors at the top of the
page, each linking to its field; ``static/js/app.js`` moves the focus to the summary."""

from django import template
from django.forms import BaseForm, BaseFormSet

register = template.Library()


def _form_items(form: BaseForm) -> list[dict]:
    items = [{"message": error} for error in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            target = field.id_for_label or field.auto_id
            items.append({"label": field.label, "message": error, "href": f"#{target}"})
    return items


def _items(value) -> list[dict]:
    if isinstance(value, BaseForm) and value.is_bound and value.errors:
        return _form_items(value)
    if isinstance(value, BaseFormSet) and value.is_bound and value.total_error_count():
        items = [{"message": error} for error in value.non_form_errors()]
        for form in value.forms:
            if form.errors:
                items += _form_items(form)
        return items
    return []


@register.simple_tag(takes_context=True)
def form_error_items(context) -> list[dict]:
    """Every error on the page's forms, in the order of the form: one entry per message. Marks
    the context, so that an include of the summary inside the page does not show it twice."""
    context["error_summary_by_base"] = True
    items, seen = [], set()
    for value in context.flatten().values():
        if id(value) not in seen:
            seen.add(id(value))
            items += _items(value)
    return items
