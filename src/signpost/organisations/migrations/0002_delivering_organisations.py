"""Reference data: the national contact centre and the nine area prime contractors (domain.md §2)."""

from django.db import migrations

DELIVERING = [
    ("0000000999", "National contact centre", "national", None),
    ("0000000101", "East of England and Buckinghamshire", "prime", 101),
    ("0000000102", "East Midlands and Northamptonshire", "prime", 102),
    ("0000000103", "London", "prime", 103),
    ("0000000104", "West Midlands", "prime", 104),
    ("0000000105", "North West", "prime", 105),
    ("0000000106", "North East and Cumbria", "prime", 106),
    ("0000000107", "South East", "prime", 107),
    ("0000000108", "South West", "prime", 108),
    ("0000000109", "Yorkshire and Humber", "prime", 109),
]


def create(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    for touchpoint_id, name, kind, area in DELIVERING:
        Organisation.objects.update_or_create(
            touchpoint_id=touchpoint_id, defaults={"name": name, "kind": kind, "area": area}
        )


def remove(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Organisation.objects.filter(touchpoint_id__in=[row[0] for row in DELIVERING], staff__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
