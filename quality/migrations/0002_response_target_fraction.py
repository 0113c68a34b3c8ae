"""The response target becomes an exact fraction (numerator/denominator) instead of a rounded
percentage: 67 % was the stand-in for the seed's "2/3 respons" and becomes 2/3; any other
percentage p becomes p/100 (reduced). Back: the fraction as a rounded percentage."""

from fractions import Fraction

import django.core.validators
from django.db import migrations, models


def to_fraction(apps, schema_editor):
    QualitySettings = apps.get_model("quality", "QualitySettings")
    for settings in QualitySettings.objects.all():
        percent = settings.response_target
        value = Fraction(2, 3) if percent == 67 else Fraction(percent, 100)
        settings.response_target_numerator = value.numerator
        settings.response_target_denominator = value.denominator
        settings.save(update_fields=["response_target_numerator", "response_target_denominator"])


def to_percent(apps, schema_editor):
    QualitySettings = apps.get_model("quality", "QualitySettings")
    for settings in QualitySettings.objects.all():
        value = Fraction(settings.response_target_numerator, settings.response_target_denominator)
        settings.response_target = round(100 * value)
        settings.save(update_fields=["response_target"])


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0004_audit_entry"),
        ("quality", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="qualitysettings",
            name="response_target_denominator",
            field=models.PositiveIntegerField(
                default=3,
                validators=[django.core.validators.MinValueValidator(1)],
                verbose_name="response-rate target, denominator",
            ),
        ),
        migrations.AddField(
            model_name="qualitysettings",
            name="response_target_numerator",
            field=models.PositiveIntegerField(
                default=2,
                validators=[django.core.validators.MinValueValidator(1)],
                verbose_name="response-rate target, numerator",
            ),
        ),
        migrations.RunPython(to_fraction, to_percent),
        migrations.RemoveField(model_name="qualitysettings", name="response_target"),
        migrations.AddConstraint(
            model_name="qualitysettings",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("response_target_numerator__gte", 1),
                    ("response_target_numerator__lte", models.F("response_target_denominator")),
                ),
                name="quality_response_target_a_share",
            ),
        ),
    ]
