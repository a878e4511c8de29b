"""The personal data register: registration checks, and that every model tied to a customer is in it."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import models

from signpost.core import privacy


def _models_pointing_at_customers() -> set[type[models.Model]]:
    """Every concrete model with a foreign key or one-to-one field to customers.Customer, directly."""
    customer = apps.get_model(privacy.CUSTOMER_MODEL)
    found: set[type[models.Model]] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model is customer:  # type: ignore[attr-defined]
                found.add(model)
    return found


def test_every_model_with_a_customer_is_registered() -> None:
    # A new model holding a customer must say how it is exported and erased, or this fails.
    missing = _models_pointing_at_customers() - privacy.registered_models()
    assert not missing, f"Register these in their app's privacy.py: {sorted(m._meta.label for m in missing)}"


def test_the_customer_row_is_erased_last() -> None:
    order = [entry.model for entry in privacy.erasure_order()]
    assert order[-1] == privacy.CUSTOMER_MODEL
    assert set(order) == {entry.model for entry in privacy.registered()}


def test_core_models_are_registered() -> None:
    keys = {entry.key for entry in privacy.registered()}
    assert {"core.notification", "core.auditevent", "customers.customer", "contacts.interaction"} <= keys


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            privacy.PersonalData(
                model="core.Nonexistent", customer_path="customer", title="x", fields=[], erase=None, kept_because="x"
            ),
            "core.Nonexistent",
        ),
        (
            privacy.PersonalData(
                model="contacts.Interaction", customer_path="adviser", title="x", fields=[], erase=privacy.delete_rows
            ),
            "leads to accounts.User",
        ),
        (
            privacy.PersonalData(
                model="contacts.Interaction",
                customer_path="customer",
                title="x",
                fields=["nothing"],
                erase=privacy.delete_rows,
            ),
            "no field 'nothing'",
        ),
        (
            privacy.PersonalData(model="contacts.Interaction", customer_path="customer", title="x", fields=[]),
            "kept_because",
        ),
        (
            privacy.PersonalData(model="contacts.Interaction", title="x", fields=[], erase=privacy.delete_rows),
            "exactly one of customer_path or rows",
        ),
        (
            privacy.PersonalData(
                model="customers.Customer", customer_path="", title="x", fields=[], erase=privacy.delete_rows
            ),
            "already in the personal data register",
        ),
    ],
)
def test_mistakes_are_refused_when_registering(entry: privacy.PersonalData, message: str) -> None:
    with pytest.raises(privacy.RegistryError, match=message):
        privacy.register(entry)


def test_coded_values_are_shown_by_their_labels() -> None:
    entry = next(e for e in privacy.registered() if e.model == "contacts.Interaction")
    channel = next(c for c in entry.columns() if c.name == "channel")
    assert entry.display_value(channel, 2) == "Telephone"
    assert entry.display_value(channel, None) is None


def test_a_throwaway_entry_can_be_registered_and_removed(db: Any) -> None:
    entry = privacy.PersonalData(
        model="customers.AreaRouting",
        rows=lambda customer: apps.get_model("customers.AreaRouting").objects.none(),
        title="Nothing",
        fields=["name"],
        kept_because="test",
    )
    try:
        privacy.register(entry)
        assert entry in privacy.registered()
    finally:
        privacy.unregister("customers.AreaRouting")
    assert entry not in privacy.registered()
