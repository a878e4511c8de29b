"""Load the starting trait → job category mapping (starting_mapping.py) with its first history row."""

from django.db import migrations
from django.utils import timezone

from signpost.assessments.starting_mapping import NATIONAL_MAPPING


def seed(apps, schema_editor):
    TraitMapping = apps.get_model("assessments", "TraitMapping")
    HistoricalTraitMapping = apps.get_model("assessments", "HistoricalTraitMapping")
    now = timezone.now()
    for category, traits in NATIONAL_MAPPING.items():
        mapping, created = TraitMapping.objects.get_or_create(job_category=category, defaults={"traits": traits})
        if created:
            HistoricalTraitMapping.objects.create(
                id=mapping.id,
                job_category=category,
                traits=traits,
                updated_at=mapping.updated_at,
                history_date=now,
                history_type="+",
                history_change_reason="The national tool's mapping, as a starting point",
            )


def unseed(apps, schema_editor):
    apps.get_model("assessments", "TraitMapping").objects.filter(job_category__in=NATIONAL_MAPPING).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_assessments_and_trait_mapping")]

    operations = [migrations.RunPython(seed, unseed)]
