"""Sentence embeddings of published job profiles for the optional "describe what you enjoy" search
(careers/embeddings.py). The table stays empty unless the extra is installed."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0002_job_profile_search_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="JobProfileVector",
            fields=[
                (
                    "profile",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="vector",
                        serialize=False,
                        to="careers.jobprofile",
                    ),
                ),
                ("model_name", models.CharField(max_length=100)),
                ("text_hash", models.CharField(max_length=64)),
                ("vector", models.BinaryField()),
                ("embedded_at", models.DateTimeField()),
            ],
        ),
    ]
