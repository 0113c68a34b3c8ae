"""Facilitation (issue 11): the placement's "half a year" tick goes (the period is derived);
the weeks per year become the partnership's setting; an institute norm becomes one row per
"hours per student/group per week/year" with a group size range. Existing institute norms are
split into those rows (a 0 component is dropped); the year's weeks come from them (else 40)."""

from django.db import migrations, models
import django.db.models.deletion


def split_institute_norms(apps, schema_editor):
    InstituteNorm = apps.get_model("placements", "InstituteNorm")
    YearNorms = apps.get_model("placements", "YearNorms")
    new = []
    weeks: dict[tuple[int, int], int] = {}
    for old in InstituteNorm.objects.select_related("institute"):
        key = (old.institute.partnership_id, old.academic_year_id)
        components = [
            (old.hours_per_student_year, "student", "year", None, None),
            (old.hours_per_group_year, "group", "year", old.group_size, old.group_size),
            (old.hours_per_student_week, "student", "week", None, None),
        ]
        for hours, per, period, group_min, group_max in components:
            if hours:
                new.append(
                    InstituteNorm(
                        institute_id=old.institute_id,
                        academic_year_id=old.academic_year_id,
                        hours=hours,
                        per=per,
                        period=period,
                        group_min=group_min,
                        group_max=group_max,
                    )
                )
                if period == "week":
                    weeks[key] = old.weeks_per_year
        old.delete()
    InstituteNorm.objects.bulk_create(new)
    for (partnership_id, year_id), n in weeks.items():
        YearNorms.objects.update_or_create(
            partnership_id=partnership_id, academic_year_id=year_id, defaults={"weeks_per_year": n}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0005_cluster_acts_as_one_school"),
        ("placements", "0003_transfer_forms_subsidy"),
    ]

    operations = [
        migrations.RemoveField(model_name="placement", name="half_year"),
        migrations.AddField(
            model_name="yearnorms",
            name="weeks_per_year",
            field=models.PositiveSmallIntegerField(
                default=40,
                help_text="Institute norms counted per week are multiplied by this number.",
                verbose_name="weeks per school year",
            ),
        ),
        migrations.RemoveConstraint(model_name="institutenorm", name="inorm_per_year"),
        migrations.AddField(
            model_name="institutenorm",
            name="hours",
            field=models.DecimalField(
                decimal_places=1, default=0, max_digits=6, verbose_name="hours"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="institutenorm",
            name="per",
            field=models.CharField(
                choices=[("student", "per student"), ("group", "per group")],
                default="student",
                max_length=7,
                verbose_name="per",
            ),
        ),
        migrations.AddField(
            model_name="institutenorm",
            name="period",
            field=models.CharField(
                choices=[("week", "per week"), ("year", "per year")],
                default="year",
                max_length=4,
                verbose_name="period",
            ),
        ),
        migrations.AddField(
            model_name="institutenorm",
            name="group_min",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="group of at least"
            ),
        ),
        migrations.AddField(
            model_name="institutenorm",
            name="group_max",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="group of at most"
            ),
        ),
        migrations.RunPython(split_institute_norms, migrations.RunPython.noop),
        migrations.RemoveField(model_name="institutenorm", name="hours_per_student_year"),
        migrations.RemoveField(model_name="institutenorm", name="hours_per_group_year"),
        migrations.RemoveField(model_name="institutenorm", name="group_size"),
        migrations.RemoveField(model_name="institutenorm", name="hours_per_student_week"),
        migrations.RemoveField(model_name="institutenorm", name="weeks_per_year"),
        migrations.AlterField(
            model_name="institutenorm",
            name="institute",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="institute_norms",
                to="partnerships.organisation",
                verbose_name="institute",
            ),
        ),
        migrations.AlterModelOptions(
            name="institutenorm",
            options={
                "ordering": ["institute__name", "per", "period", "pk"],
                "verbose_name": "institute norm",
                "verbose_name_plural": "institute norms",
            },
        ),
        migrations.AddConstraint(
            model_name="institutenorm",
            constraint=models.CheckConstraint(
                condition=models.Q(("per", "student"))
                | models.Q(("group_max__gte", 1), ("group_min__lte", models.F("group_max")))
                | models.Q(("group_max__gte", 1), ("group_min__isnull", True)),
                name="inorm_group_range",
            ),
        ),
    ]
