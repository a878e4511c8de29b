"""Customer names (given and family), searched by the workspace's find-a-customer."""

from django.db import migrations

from signpost.search.operations import CreateTextIndex


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_text_search_functions"),
        ("customers", "0003_customer_dob_index"),
    ]
    operations = [
        CreateTextIndex(name="customer_name", table="customers_customer", columns=["given_name", "family_name"]),
    ]
