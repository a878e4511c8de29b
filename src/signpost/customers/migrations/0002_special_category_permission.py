"""Who may see special category data (the diversity part) is a permission of its own."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0001_customer_record"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="customer",
            options={
                "ordering": ["family_name", "given_name", "id"],
                "permissions": [
                    ("view_special_category", "Can see special category data (health, disability, ethnicity)")
                ],
            },
        ),
    ]
