"""The register of personal data: every model that holds data about a customer, and what to do
with it for a subject access export and for anonymisation (domain.md §9).

Core knows no domain app, so each domain app registers its own models, once, when Django starts:
put the registrations in ``<app>/privacy.py`` and import that module from the app's
``AppConfig.ready()``::

    # myapp/apps.py
    def ready(self) -> None:
        from signpost.myapp import privacy  # noqa: F401  (registers the app's personal data)

    # myapp/privacy.py
    from signpost.core.privacy import PersonalData, delete_rows, register, replace_values

    register(PersonalData(
        model="myapp.ActionPlan",
        customer_path="customer",                # ORM path from the model to customers.Customer
        title="Action plans",                    # heading in the export
        fields=["created_at", ("situation", "Current situation"), "status"],
        ordering=["created_at"],
        erase=replace_values(situation=""),     # or delete_rows, or your own function
    ))

``customer_path`` is the lookup from the registered model to the customer it belongs to:
``"customer"``, ``"plan__customer"``, or ``""`` for ``customers.Customer`` itself. Where no ORM
path exists, give ``rows`` instead: a function from the customer to a queryset of its rows.

``erase`` receives the queryset of the customer's rows and must leave no personal data in them:
delete the rows, blank or reduce the personal fields and keep what statistics need (channel, type,
dates, area, codes). ``erase=None`` keeps the rows as they are, and then ``kept_because`` must say
why keeping them is safe (for example: the audit log holds identifiers only). The anonymisation
test scans every table of the database for marker strings, so a model left out of the register,
or erased incompletely, makes it fail.

Entries are exported in registration order (apps in INSTALLED_APPS order) and erased in reverse
order, except that the customer row itself is always erased last: other erasers may still read it
(the date of birth, to keep an age band).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.dispatch import Signal

CUSTOMER_MODEL = "customers.Customer"

Eraser = Callable[[models.QuerySet[Any]], None]
RowsFunction = Callable[[models.Model], models.QuerySet[Any]]

# Sent after a customer's personal data has been erased, inside the same transaction, with
# ``customer_id``: search indexes and caches holding copies of the old values listen to it.
personal_data_erased = Signal()


class RegistryError(ValueError):
    """A registration that could not work (unknown model, field or path, or a duplicate)."""


@dataclass(frozen=True)
class ExportColumn:
    name: str  # a field name or an ORM lookup such as "organisation__name"
    label: str


@dataclass(frozen=True)
class PersonalData:
    model: str  # "app_label.ModelName"
    title: str
    fields: Sequence[str | tuple[str, str]]
    customer_path: str | None = None
    rows: RowsFunction | None = None
    ordering: Sequence[str] = ()
    erase: Eraser | None = None
    kept_because: str = ""
    description: str = ""

    @property
    def key(self) -> str:
        return self.model.lower()

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def columns(self) -> list[ExportColumn]:
        model = self.model_class()
        columns = []
        for spec in self.fields:
            if isinstance(spec, tuple):
                name, label = spec
            else:
                name, label = spec, _verbose_name(model, spec)
            columns.append(ExportColumn(name=name, label=label))
        return columns

    def queryset(self, customer: models.Model) -> models.QuerySet[Any]:
        """The customer's rows of this model, in the export's order."""
        if self.rows is not None:
            queryset = self.rows(customer)
        elif not self.customer_path:
            queryset = self.model_class()._default_manager.filter(pk=customer.pk)
        else:
            path: str = self.customer_path
            queryset = self.model_class()._default_manager.filter(**{path: customer})
        return queryset.order_by(*self.ordering) if self.ordering else queryset

    def export_rows(self, customer: models.Model, *, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
        """The exported values, one dict per row, streamed in chunks (a customer may have thousands)."""
        names = [column.name for column in self.columns()]
        yield from self.queryset(customer).values(*names).iterator(chunk_size=chunk_size)

    def codes(self, column: ExportColumn) -> dict[Any, str] | None:
        """What each stored code of a coded column means; None for other columns."""
        return _field_choices(self.model_class(), column.name)

    def display_value(self, column: ExportColumn, value: Any) -> Any:
        """The label of a coded value (the national codes mean little to a customer)."""
        choices = self.codes(column)
        if choices is None or value is None:
            return value
        if isinstance(value, list):
            return [choices.get(item, item) for item in value]
        return choices.get(value, value)


_registry: dict[str, PersonalData] = {}


def register(entry: PersonalData) -> PersonalData:
    """Add a model to the register; checked now so a mistake fails when Django starts."""
    if (entry.customer_path is None) == (entry.rows is None):
        raise RegistryError(f"{entry.model}: give exactly one of customer_path or rows.")
    if entry.erase is None and not entry.kept_because:
        raise RegistryError(f"{entry.model}: say in kept_because why its rows may be kept unchanged.")
    try:
        model = entry.model_class()
    except (LookupError, ValueError) as error:
        raise RegistryError(f"{entry.model}: {error}") from None
    if entry.customer_path:
        _check_path_reaches_customer(model, entry.customer_path)
    for column in entry.columns():
        _resolve_field(model, column.name)
    if entry.key in _registry:
        raise RegistryError(f"{entry.model} is already in the personal data register.")
    _registry[entry.key] = entry
    return entry


def unregister(model: str) -> None:
    """For tests that register a throwaway entry."""
    _registry.pop(model.lower(), None)


def registered() -> list[PersonalData]:
    """Every entry, in export order."""
    return list(_registry.values())


def erasure_order() -> list[PersonalData]:
    """Every entry in the order anonymisation erases them: the customer row last."""
    entries = list(reversed(_registry.values()))
    entries.sort(key=lambda entry: entry.model == CUSTOMER_MODEL)
    return entries


def registered_models() -> set[type[models.Model]]:
    return {entry.model_class() for entry in _registry.values()}


# Erasers ----------------------------------------------------------------------------------------


def delete_rows(queryset: models.QuerySet[Any]) -> None:
    """Remove the rows altogether (nothing in them is needed for statistics)."""
    queryset.delete()


def replace_values(**values: Any) -> Eraser:
    """Overwrite the named fields with fixed values ("" or None to blank, a placeholder...)."""

    def erase(queryset: models.QuerySet[Any]) -> None:
        queryset.update(**values)

    erase.__doc__ = f"Replaces {', '.join(sorted(values))}."
    return erase


def erase_in_turn(*erasers: Eraser) -> Eraser:
    """Several erasers on the same rows, in order."""

    def erase(queryset: models.QuerySet[Any]) -> None:
        for eraser in erasers:
            eraser(queryset)

    return erase


# Checks -----------------------------------------------------------------------------------------


def _check_path_reaches_customer(model: type[models.Model], path: str) -> None:
    current = model
    for part in path.split("__"):
        try:
            relation = current._meta.get_field(part)
        except FieldDoesNotExist:
            raise RegistryError(f"{model._meta.label}: {path!r} has no field {part!r}.") from None
        if not relation.is_relation or relation.related_model is None:
            raise RegistryError(f"{model._meta.label}: {part!r} in {path!r} is not a relation.")
        current = relation.related_model  # type: ignore[assignment]
    if current._meta.label != CUSTOMER_MODEL:
        raise RegistryError(f"{model._meta.label}: {path!r} leads to {current._meta.label}, not {CUSTOMER_MODEL}.")


def _resolve_field(model: type[models.Model], lookup: str) -> models.Field[Any, Any] | Any:
    current: type[models.Model] = model
    found: Any = None
    for part in lookup.split("__"):
        try:
            found = current._meta.get_field(part)
        except FieldDoesNotExist:
            raise RegistryError(f"{model._meta.label}: no field {lookup!r} to export.") from None
        if found.is_relation and found.related_model is not None:
            current = found.related_model
    return found


def _verbose_name(model: type[models.Model], lookup: str) -> str:
    found = _resolve_field(model, lookup)
    name = str(getattr(found, "verbose_name", lookup.replace("_", " ")))
    return name[:1].upper() + name[1:]


def _field_choices(model: type[models.Model], lookup: str) -> dict[Any, str] | None:
    found = _resolve_field(model, lookup)
    choices: Iterable[tuple[Any, Any]] | None = getattr(found, "flatchoices", None)
    if not choices:
        return None
    return {value: str(label) for value, label in choices}


# Core's own entries ---------------------------------------------------------------------------

_CUSTOMER_LABEL = CUSTOMER_MODEL.lower()


def _messages_about(customer: models.Model) -> models.QuerySet[Any]:
    return apps.get_model("core.Notification")._default_manager.filter(
        about_type=_CUSTOMER_LABEL, about_id=str(customer.pk)
    )


def _audit_events_about(customer: models.Model) -> models.QuerySet[Any]:
    return apps.get_model("core.AuditEvent")._default_manager.filter(
        object_type=_CUSTOMER_LABEL, object_id=str(customer.pk)
    )


def register_core_models() -> None:
    register(
        PersonalData(
            model="core.Notification",
            rows=_messages_about,
            title="Messages sent to you",
            fields=["created_at", "channel", "recipient", "subject", "body", "status", "delivered_at"],
            ordering=["created_at", "id"],
            # The message stays counted (channel, status, dates); who it went to and what it said go.
            erase=replace_values(recipient="", subject="", body="", last_error=""),
        )
    )
    register(
        PersonalData(
            model="core.AuditEvent",
            rows=_audit_events_about,
            title="Who has seen or changed your record",
            # Staff names are other people's personal data: the export names the organisation.
            fields=["occurred_at", ("actor__organisation__name", "Organisation"), "action", "details"],
            ordering=["occurred_at", "id"],
            kept_because="Identifiers, action names and codes only; the service must account for every access.",
        )
    )
