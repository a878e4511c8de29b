"""Email unique among live customers, held by the database (domain.md §3), not only by services.

A constraint cannot reach from ContactDetails to Customer, so contact details carry a copy of the
customer's liveness (``live``) that the terminate, merge and undo services keep. The data step sets
it for existing rows and refuses to go on, naming the records, if two live customers already share
an email: which of them should keep it is a person's decision (merge them, or correct one).
"""

import django.db.models.functions.text
from django.db import migrations, models


def copy_liveness(apps, schema_editor):
    ContactDetails = apps.get_model("customers", "ContactDetails")
    ContactDetails.objects.filter(customer__terminated_at__isnull=False).update(live=False)
    clashes = (
        ContactDetails.objects.filter(live=True)
        .exclude(email="")
        .annotate(address=django.db.models.functions.text.Lower("email"))
        .values("address")
        .annotate(count=models.Count("id"))
        .filter(count__gt=1)
        .values_list("address", flat=True)
    )
    addresses = list(clashes[:1000])
    if addresses:
        references = sorted(
            ContactDetails.objects.filter(live=True)
            .annotate(address=django.db.models.functions.text.Lower("email"))
            .filter(address__in=addresses)
            .values_list("customer__reference", flat=True)
        )
        # References only: an email address is personal data and would end up in deploy logs.
        raise RuntimeError(
            "Live customers share an email address, so it cannot be made unique. Merge or correct "
            f"these records, then migrate again: {', '.join(references[:200])}"
        )


def forget_liveness(apps, schema_editor):
    """Nothing to undo: the column goes with the reversed AddField."""


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0003_customer_dob_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactdetails",
            name="live",
            field=models.BooleanField(default=True, editable=False),
        ),
        migrations.RunPython(copy_liveness, forget_liveness, elidable=False),
        migrations.AddConstraint(
            model_name="contactdetails",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                condition=models.Q(("live", True), models.Q(("email", ""), _negated=True)),
                name="contact_email_unique_among_live",
                violation_error_message="Another customer already has this email address.",
            ),
        ),
    ]
