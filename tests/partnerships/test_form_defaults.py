"""Every form's fields say what is wrong in words that name the field, offer "— kies —" as the
empty choice and keep number inputs narrow (partnerships/form_defaults.py, issue 14)."""

from django import forms
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from partnerships.models import Organisation


class Example(forms.Form):
    last_name = forms.CharField(label="Achternaam")
    brin = forms.CharField(label="BRIN-nummer")
    kind = forms.ChoiceField(label="Soort", choices=[("", "---------"), ("a", "A")])
    school = forms.ModelChoiceField(label="School", queryset=Organisation.objects.none())
    places = forms.IntegerField(label="Plaatsen", min_value=0, max_value=99)
    margin = forms.DecimalField(label="Marge %")
    start = forms.DateField(label="Start")
    email = forms.EmailField(label="E-mail")
    agree = forms.BooleanField(label="Ik ga akkoord")
    own = forms.CharField(label="Eigen", error_messages={"required": "Zelf gekozen."})


def errors(data) -> dict:
    with translation.override("nl"):
        form = Example(data)
        form.is_valid()
        return {name: [str(e) for e in errs] for name, errs in form.errors.items()}


def test_required_fields_name_themselves(db):
    found = errors({})
    assert found["last_name"] == ["Vul achternaam in"]
    assert found["brin"] == ["Vul BRIN-nummer in"]
    assert found["kind"] == ["Kies soort"]
    assert found["school"] == ["Kies school"]
    assert found["agree"] == ["Vink ‘Ik ga akkoord’ aan"]
    assert found["own"] == ["Zelf gekozen."]  # a form's own message stays


def test_invalid_values_say_what_is_expected(db):
    found = errors({"places": "2,5", "margin": "veel", "start": "31-02-2027", "email": "geen"})
    assert found["places"] == ["Plaatsen moet een heel getal zijn"]
    assert found["margin"] == ["Marge % moet een getal zijn"]
    assert found["start"] == ["Start moet een bestaande datum zijn"]
    assert found["email"] == ["Vul een e-mailadres in zoals naam@school.nl"]
    assert errors({"places": "-1"})["places"] == ["Plaatsen moet 0 of meer zijn"]
    assert errors({"places": "100"})["places"] == ["Plaatsen moet 99 of minder zijn"]
    assert errors({"kind": "z"})["kind"] == ["Kies soort uit de lijst"]


def test_empty_choice_and_narrow_numbers(db):
    with translation.override("nl"):
        html = str(Example())
    assert "---------" not in html
    assert html.count("— kies —") == 2
    assert 'class="input-narrow"' in html


def test_the_error_summary_lists_any_bound_form_and_prefixes_the_title(db):
    request = RequestFactory().get("/")
    template = Template(
        '{% extends "base.html" %}{% block title %}Nieuw{% endblock %}'
        "{% block content %}<form></form>{% endblock %}"
    )
    with translation.override("nl"):
        bound = Example({"last_name": "Bakker"})
        html = template.render(Context({"request": request, "step_form": bound}))
        clean = template.render(Context({"request": request, "step_form": Example()}))
    assert "<title>Fout: Nieuw" in html
    assert html.count("data-error-summary") == 1
    assert '<a href="#id_brin">BRIN-nummer: Vul BRIN-nummer in</a>' in html
    assert "<title>Nieuw" in clean and "data-error-summary" not in clean
