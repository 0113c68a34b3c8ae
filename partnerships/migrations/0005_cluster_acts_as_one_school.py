from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0004_audit_entry"),
    ]

    operations = [
        migrations.AddField(
            model_name="cluster",
            name="acts_as_one_school",
            field=models.BooleanField(
                default=True,
                help_text=(
                    "The cluster gets the hours per school for coordination and the workplace "
                    "curriculum once, not once per school."
                ),
                verbose_name="acts as one school for facilitation",
            ),
        ),
    ]
