"""Merging two records of one person, and undoing it (domain.md §3 "Duplicates", issue 3 item 9)."""

import django.core.serializers.json
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0004_email_unique_among_live"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="customer",
            options={
                "ordering": ["family_name", "given_name", "id"],
                "permissions": [
                    ("view_special_category", "Can see special category data (health, disability, ethnicity)"),
                    ("merge_customer", "Can merge two records of the same person"),
                ],
            },
        ),
        migrations.CreateModel(
            name="CustomerMerge",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("merged_at", models.DateTimeField()),
                (
                    "survivor_before",
                    models.JSONField(default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder),
                ),
                (
                    "survivor_after",
                    models.JSONField(default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder),
                ),
                ("moved", models.JSONField(default=list)),
                ("undone_at", models.DateTimeField(blank=True, null=True)),
                (
                    "undo_reason",
                    models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(500)]),
                ),
                (
                    "duplicate",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="merges_absorbed",
                        to="customers.customer",
                    ),
                ),
                (
                    "merged_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "survivor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="merges_kept", to="customers.customer"
                    ),
                ),
                (
                    "undone_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-merged_at", "-id"],
                "permissions": [("undo_merge", "Can undo a merge of two customer records")],
                "indexes": [models.Index(fields=["-merged_at", "-id"], name="customer_merge_newest_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("survivor", models.F("duplicate")), _negated=True),
                        name="customer_merge_two_records",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("undone_at__isnull", True), ("undone_by__isnull", True)),
                            models.Q(("undone_at__isnull", False), ("undone_by__isnull", False)),
                            _connector="OR",
                        ),
                        name="customer_merge_undone_by_someone",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("undone_at__isnull", True)),
                        fields=("duplicate",),
                        name="customer_merge_duplicate_once",
                    ),
                ],
            },
        ),
    ]
