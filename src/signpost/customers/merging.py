"""Merging two records of one person, and undoing a merge (domain.md §3 "Duplicates").

The adviser keeps one record (the *survivor*) and chooses, for every value the two records hold
differently, which one it keeps. Everything else on the other record (the *duplicate*) moves to
the survivor, and the duplicate is terminated as a duplicate.

"Everything" is found, not listed: every relation from any model to ``Customer`` (including apps
added later) is followed through ``Customer._meta``, so a new app's rows move without changing
this module. The exceptions, and why:

- contact details are merged field by field (the adviser chooses each value);
- the memorable word stays: its per-character hashes are keyed by the record, and the word itself
  is not stored anywhere, so it cannot be re-keyed; the adviser sets a new one if needed;
- merges themselves stay where they are (they are the history of both records);
- rows that would break a uniqueness rule on the survivor (it already has "the one" of them) stay
  on the duplicate, and the check page says so;
- apps can ask for their rows to stay with ``keep_with_duplicate`` (copies such as search indexes).

Other one-to-one parts (diversity, an online account link...): when both records have one, the
adviser chooses; the other one ends up on the duplicate, whose terminated record is the snapshot
an undo restores from.

Undo moves back exactly the rows the merge moved (by primary key) and restores each value the
merge changed unless it has changed again since (a later edit wins, and the undo says which). It
refuses, with the reason, when it cannot be done safely: see ``undo_problems``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ForeignObjectRel, Q
from django.dispatch import Signal
from django.utils import timezone

from signpost.core.audit import audit_record
from signpost.customers import codes, rules
from signpost.customers.models import (
    Address,
    ContactDetails,
    Customer,
    CustomerMerge,
    IdentitySecret,
)

MERGE_PERMISSION = "customers.merge_customer"
UNDO_PERMISSION = "customers.undo_merge"
SURVIVOR = "survivor"
DUPLICATE = "duplicate"
SIDES = (SURVIVOR, DUPLICATE)
CURRENT_ADDRESS = "current_address"
# Put in a merge's snapshots by anonymisation (customers/privacy.py): nothing is left to restore.
ERASED = "erased"

# Sent inside the merge's (or undo's) transaction, after the rows have moved, with ``merge``:
# apps that keep copies of customer data (search indexes, caches) refresh both records.
customers_merged = Signal()
customer_merge_undone = Signal()

# Models whose rows stay on the duplicate: the merge's own history, the memorable word (see the
# module's docstring), and whatever other apps add with keep_with_duplicate.
_KEPT_WITH_DUPLICATE: set[str] = {"customers.customermerge", "customers.identitysecret"}
# Merged value by value, not moved.
_MERGED_BY_FIELD = {"customers.contactdetails"}


def keep_with_duplicate(model_label: str) -> None:
    """Rows of this model ("app_label.ModelName") stay with the duplicate when records merge."""
    _KEPT_WITH_DUPLICATE.add(model_label.lower())


# The values the adviser chooses between ------------------------------------------------------


@dataclass(frozen=True)
class MergeField:
    """One choice: the model fields it sets together, and the values that mean "not recorded"."""

    key: str
    label: str
    part: str  # "customer" or "contact_details"
    fields: tuple[str, ...]
    empty: tuple[Any, ...] = ("", None, False)


_NOT_PROVIDED = ("", None, 99)
FIELDS = (
    MergeField("title", "Title", "customer", ("title",), _NOT_PROVIDED),
    MergeField("given_name", "First name", "customer", ("given_name",)),
    MergeField("family_name", "Last name", "customer", ("family_name",)),
    MergeField("date_of_birth", "Date of birth", "customer", ("date_of_birth",)),
    MergeField("gender", "Gender", "customer", ("gender",), _NOT_PROVIDED),
    MergeField("unique_learner_number", "Unique learner number", "customer", ("unique_learner_number",)),
    MergeField("customer_type", "Customer type", "customer", ("customer_type",), ()),
    MergeField(
        "introduced_by", "How they heard of us", "customer", ("introduced_by", "introduced_by_detail"), _NOT_PROVIDED
    ),
    MergeField("date_registered", "Date registered", "customer", ("date_registered",), ()),
    MergeField("preferred_method", "Preferred contact method", "contact_details", ("preferred_method",), _NOT_PROVIDED),
    MergeField("mobile", "Mobile number", "contact_details", ("mobile",)),
    MergeField("home_phone", "Home phone number", "contact_details", ("home_phone", "home_phone_extension")),
    MergeField(
        "alternative_phone",
        "Alternative phone number",
        "contact_details",
        ("alternative_phone", "alternative_phone_extension"),
    ),
    MergeField("email", "Email address", "contact_details", ("email",)),
    MergeField(
        "contact_permissions",
        "May contact them by",
        "contact_details",
        ("may_contact_by_phone", "may_contact_by_sms", "may_contact_by_email", "may_contact_by_post"),
    ),
    MergeField("preferred_language", "Preferred language", "contact_details", ("preferred_language",)),
    MergeField("interpreter_needed", "Interpreter needed", "contact_details", ("interpreter_needed",)),
    MergeField("accessibility_needs", "Accessibility needs", "contact_details", ("accessibility_needs",)),
)
FIELDS_BY_KEY = {item.key: item for item in FIELDS}


def _values(instance: models.Model | None, item: MergeField) -> tuple[Any, ...]:
    if instance is None:
        return tuple(ContactDetails._meta.get_field(name).get_default() for name in item.fields)  # type: ignore[union-attr]
    return tuple(getattr(instance, name) for name in item.fields)


@dataclass(frozen=True)
class FieldComparison:
    field: MergeField
    survivor: tuple[Any, ...]
    duplicate: tuple[Any, ...]

    @property
    def differs(self) -> bool:
        return self.survivor != self.duplicate

    def _blank(self, values: tuple[Any, ...]) -> bool:
        return all(value in self.field.empty for value in values) if self.field.empty else False

    @property
    def default(self) -> str:
        """The survivor's value, unless it has none and the duplicate has one."""
        if self._blank(self.survivor) and not self._blank(self.duplicate):
            return DUPLICATE
        return SURVIVOR


@dataclass(frozen=True)
class PartComparison:
    """A part the records hold one each of (the current address, diversity, ...): keep which?"""

    key: str
    label: str
    survivor: Any
    duplicate: Any
    default: str = SURVIVOR


@dataclass(frozen=True)
class RelationMove:
    label: str
    moving: int
    staying: int


@dataclass
class MergeComparison:
    survivor: Customer
    duplicate: Customer
    survivor_contact: ContactDetails | None
    duplicate_contact: ContactDetails | None
    fields: list[FieldComparison]
    parts: list[PartComparison]
    moves: list[RelationMove]
    memorable_word_stays: bool
    problems: list[str] = field(default_factory=list)

    @property
    def differing(self) -> list[FieldComparison]:
        return [item for item in self.fields if item.differs]

    def defaults(self) -> dict[str, str]:
        return {
            **{item.field.key: item.default for item in self.differing},
            **{part.key: part.default for part in self.parts},
        }

    def choice_keys(self) -> list[str]:
        return [item.field.key for item in self.differing] + [part.key for part in self.parts]


# Finding every relation to a customer ---------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    model: type[models.Model]
    field_name: str
    one_to_one: bool

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def key(self) -> str:
        """The choice's name in a form: "customers-diversity-customer"."""
        return f"{self.label}.{self.field_name}".replace(".", "-")

    def rows(self, customer: Customer) -> models.QuerySet[Any]:
        return self.model._base_manager.filter(**{self.field_name: customer})


def relations() -> list[Relation]:
    """Every relation from another model to Customer, hidden ones included (a many-to-many's
    own table is one; related_name="+" makes another), except those merged another way."""
    found = []
    for rel in Customer._meta.get_fields(include_hidden=True):
        if not isinstance(rel, ForeignObjectRel) or rel.many_to_many:
            continue  # many-to-many rows move through their own table's foreign key
        model = rel.related_model
        if model._meta.label_lower in _KEPT_WITH_DUPLICATE | _MERGED_BY_FIELD or model._meta.proxy:
            continue
        found.append(Relation(model, rel.field.name, bool(rel.one_to_one)))
    return sorted(found, key=lambda relation: relation.key)


def _unique_sets(relation: Relation) -> list[tuple[list[str], Q | None]]:
    """The uniqueness rules the customer field takes part in: the other fields, and a condition."""
    meta = relation.model._meta
    sets: list[tuple[list[str], Q | None]] = []
    if meta.get_field(relation.field_name).unique:  # type: ignore[union-attr]
        sets.append(([], None))
    for together in meta.unique_together:
        if relation.field_name in together:
            sets.append(([name for name in together if name != relation.field_name], None))
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and relation.field_name in constraint.fields:
            others = [name for name in constraint.fields if name != relation.field_name]
            sets.append((others, constraint.condition))  # type: ignore[arg-type]
    return sets


def _staying_pks(relation: Relation, survivor: Customer, duplicate: Customer) -> set[Any]:
    """The duplicate's rows that would break a uniqueness rule on the survivor: they stay."""
    staying: set[Any] = set()
    for others, condition in _unique_sets(relation):
        kept = relation.rows(survivor)
        moving = relation.rows(duplicate)
        if condition is not None:
            kept, moving = kept.filter(condition), moving.filter(condition)
        if not others:
            if kept.exists():
                staying.update(moving.values_list("pk", flat=True))
            continue
        taken = {tuple(values) for values in kept.values_list(*others) if None not in values}
        for pk, *values in moving.values_list("pk", *others):
            if tuple(values) in taken:
                staying.add(pk)
    return staying


def _one_of(relation: Relation, customer: Customer) -> models.Model | None:
    return relation.rows(customer).first()


def _part_label(relation: Relation) -> str:
    name = str(relation.model._meta.verbose_name)
    return name[:1].upper() + name[1:]


# Reads ------------------------------------------------------------------------------------------


def _contact_details(*customers: Customer) -> dict[int, ContactDetails]:
    return {details.customer_id: details for details in ContactDetails.objects.filter(customer__in=customers)}


def merge_problems(survivor: Customer | None, duplicate: Customer | None) -> list[str]:
    """Why these two records cannot be merged, as an adviser should read it; empty when they can."""
    if survivor is None or duplicate is None:
        return ["Enter the reference of a record that exists."]
    if survivor.pk == duplicate.pk:
        return ["A record cannot be merged with itself: enter the reference of the other record."]
    return [
        f"{record.display_reference} was terminated on "
        f"{timezone.localtime(record.terminated_at).strftime('%-d %B %Y')} and cannot be merged."
        for record in (survivor, duplicate)
        if record.terminated_at is not None
    ]


def current_address(customer: Customer, today: datetime.date) -> Address | None:
    return (
        Address.objects.filter(customer=customer, effective_from__lte=today)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=today))
        .order_by("-effective_from", "-id")
        .first()
    )


def _same_address(first: Address, second: Address) -> bool:
    lines = ("line_1", "line_2", "line_3", "town", "county", "postcode")
    return all(getattr(first, name).strip().lower() == getattr(second, name).strip().lower() for name in lines)


def compare(survivor: Customer, duplicate: Customer) -> MergeComparison:
    """What the adviser sees before merging: every value side by side, and what will move."""
    today = timezone.localdate()
    contacts = _contact_details(survivor, duplicate)
    survivor_contact, duplicate_contact = contacts.get(survivor.pk), contacts.get(duplicate.pk)
    fields = []
    for item in FIELDS:
        holders = (survivor, duplicate) if item.part == "customer" else (survivor_contact, duplicate_contact)
        fields.append(FieldComparison(item, _values(holders[0], item), _values(holders[1], item)))

    parts = []
    kept_address, other_address = current_address(survivor, today), current_address(duplicate, today)
    if kept_address is not None and other_address is not None and not _same_address(kept_address, other_address):
        parts.append(PartComparison(CURRENT_ADDRESS, "Current address", kept_address, other_address))
    moves = []
    for relation in relations():
        if relation.one_to_one:
            mine, theirs = _one_of(relation, survivor), _one_of(relation, duplicate)
            if mine is not None and theirs is not None:
                parts.append(PartComparison(relation.key, _part_label(relation), mine, theirs))
            elif theirs is not None:
                moves.append(RelationMove(str(relation.model._meta.verbose_name), 1, 0))
            continue
        total = relation.rows(duplicate).count()
        if total:
            staying = len(_staying_pks(relation, survivor, duplicate))
            moves.append(RelationMove(str(relation.model._meta.verbose_name_plural), total - staying, staying))
    return MergeComparison(
        survivor=survivor,
        duplicate=duplicate,
        survivor_contact=survivor_contact,
        duplicate_contact=duplicate_contact,
        fields=fields,
        parts=parts,
        moves=moves,
        memorable_word_stays=IdentitySecret.objects.filter(customer=duplicate).exists(),
        problems=merge_problems(survivor, duplicate),
    )


def _chosen(comparison: MergeComparison, choices: Mapping[str, str]) -> dict[str, str]:
    """Every choice the merge needs, the adviser's where given; refuses unknown keys and sides."""
    wanted = comparison.choice_keys()
    errors: dict[str, list[str]] = {}
    for key, side in choices.items():
        if key not in wanted and key not in FIELDS_BY_KEY:
            errors.setdefault("__all__", []).append(f"There is nothing to choose for ‘{key}’.")
        elif side not in SIDES:
            errors.setdefault(key, []).append("Choose the value of one of the two records.")
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    return {key: choices.get(key, default) for key, default in comparison.defaults().items()}


def _merged_contact_values(comparison: MergeComparison, chosen: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in comparison.fields:
        if item.field.part != "contact_details":
            continue
        side = chosen.get(item.field.key, SURVIVOR)
        values.update(zip(item.field.fields, item.duplicate if side == DUPLICATE else item.survivor, strict=True))
    return values


def validate_choices(comparison: MergeComparison, choices: Mapping[str, str]) -> dict[str, str]:
    """The record the choices would make must follow the record's rules; returns every choice."""
    if comparison.problems:
        raise ValidationError(comparison.problems)
    chosen = _chosen(comparison, choices)
    contact = _merged_contact_values(comparison, chosen)
    errors: dict[str, list[str]] = {}
    if contact["email"]:
        try:
            rules.validate_email_available(contact["email"], excluding=[comparison.survivor, comparison.duplicate])
        except ValidationError as error:
            errors["email"] = error.messages
    has_address = any(
        current_address(record, timezone.localdate()) is not None
        for record in (comparison.survivor, comparison.duplicate)
    )
    missing = rules.missing_for_preferred_method(
        contact["preferred_method"],
        email=contact["email"],
        mobile=contact["mobile"],
        home_phone=contact["home_phone"],
        alternative_phone=contact["alternative_phone"],
        has_current_address=has_address,
    )
    if missing:
        method = codes.ContactMethod(contact["preferred_method"]).label.lower()
        errors["preferred_method"] = [
            f"Contacting them by {method} needs {missing}, and the choices leave the record without one. "
            "Keep the other preferred contact method, or the detail from the record that has it."
        ]
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]
    return chosen


# The merge --------------------------------------------------------------------------------------


def _lock(*customers: Customer) -> list[Customer]:
    """Both records under a row lock, always in the same order so two merges cannot deadlock."""
    rows = Customer.objects.select_for_update().filter(pk__in=[record.pk for record in customers]).order_by("pk")
    locked = {record.pk: record for record in rows}
    return [locked[record.pk] for record in customers]


def _swap_one_to_one(relation: Relation, first: models.Model, second: models.Model) -> None:
    """Exchange the owners of two one-to-one rows. Their uniqueness is checked row by row, so
    one goes through a placeholder record that only ever exists inside this transaction."""
    owner_of_first = getattr(first, relation.field_name)
    owner_of_second = getattr(second, relation.field_name)
    (placeholder,) = Customer.objects.bulk_create(
        [
            Customer(
                given_name="-",
                family_name="-",
                terminated_at=timezone.now(),
                termination_reason=codes.TerminationReason.DUPLICATE,
            )
        ]
    )
    manager = relation.model._base_manager
    manager.filter(pk=first.pk).update(**{relation.field_name: placeholder})
    manager.filter(pk=second.pk).update(**{relation.field_name: owner_of_first})
    manager.filter(pk=first.pk).update(**{relation.field_name: owner_of_second})
    Customer.objects.filter(pk=placeholder.pk).delete()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _restore_value(model: type[models.Model], name: str, value: Any) -> Any:
    return model._meta.get_field(name).to_python(value)  # type: ignore[union-attr]


def customer_merge(*, actor: Any, survivor: Customer, duplicate: Customer, choices: Mapping[str, str]) -> CustomerMerge:
    """Make ``duplicate`` part of ``survivor`` (module docstring); ``choices`` maps each choice key
    (MergeComparison.choice_keys) to SURVIVOR or DUPLICATE, and missing keys take the default."""
    if actor is None or not actor.has_perm(MERGE_PERMISSION):
        raise PermissionDenied("Only advisers, team leaders, safeguarding leads and administrators merge records.")
    if survivor.pk == duplicate.pk:
        raise ValidationError(merge_problems(survivor, duplicate))
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        survivor, duplicate = _lock(survivor, duplicate)
        comparison = compare(survivor, duplicate)
        chosen = validate_choices(comparison, choices)
        before: dict[str, Any] = {"customer": {}, "contact_details": {}, "addresses": {}}
        after: dict[str, Any] = {"customer": {}, "contact_details": {}, "addresses": {}}

        # The duplicate first: once terminated, its email no longer counts among live customers.
        duplicate.terminated_at = now
        duplicate.termination_reason = codes.TerminationReason.DUPLICATE
        duplicate.save(update_fields=["terminated_at", "termination_reason", "updated_at"])
        ContactDetails.objects.filter(customer=duplicate).update(live=False)

        # Which address is current: the other current one ends yesterday (starting then too, if it
        # had only just started), so the history stays and only one is current. Two copies of the
        # same address need no choice: the duplicate's copy ends.
        kept_address, other_address = current_address(survivor, today), current_address(duplicate, today)
        ending = None
        if kept_address is not None and other_address is not None:
            choice = chosen.get(CURRENT_ADDRESS, SURVIVOR)
            ending = other_address if choice == SURVIVOR else kept_address

        moved: list[dict[str, Any]] = []
        for relation in relations():
            if relation.one_to_one:
                theirs = _one_of(relation, duplicate)
                if theirs is None:
                    continue
                mine = _one_of(relation, survivor)
                if mine is None:
                    relation.model._base_manager.filter(pk=theirs.pk).update(**{relation.field_name: survivor})
                    moved.append({"model": relation.label, "field": relation.field_name, "pks": [theirs.pk]})
                elif chosen.get(relation.key) == DUPLICATE:
                    _swap_one_to_one(relation, mine, theirs)
                    moved.append(
                        {"model": relation.label, "field": relation.field_name, "swapped": [mine.pk, theirs.pk]}
                    )
                continue
            staying = _staying_pks(relation, survivor, duplicate)
            pks = [pk for pk in relation.rows(duplicate).values_list("pk", flat=True) if pk not in staying]
            if pks:
                relation.model._base_manager.filter(pk__in=pks).update(**{relation.field_name: survivor})
                moved.append({"model": relation.label, "field": relation.field_name, "pks": sorted(pks)})

        if ending is not None:
            yesterday = today - datetime.timedelta(days=1)
            key = str(ending.pk)
            before["addresses"][key] = {
                "effective_from": _plain(ending.effective_from),
                "effective_to": _plain(ending.effective_to),
            }
            ending.effective_from = min(ending.effective_from, yesterday)
            ending.effective_to = yesterday
            ending.save(update_fields=["effective_from", "effective_to"])
            after["addresses"][key] = {
                "effective_from": _plain(ending.effective_from),
                "effective_to": _plain(ending.effective_to),
            }

        # The survivor's values, as chosen.
        for item in comparison.differing:
            if chosen[item.field.key] != DUPLICATE:
                continue
            for name, old, new in zip(item.field.fields, item.survivor, item.duplicate, strict=True):
                if old != new:
                    before[item.field.part][name] = _plain(old)
                    after[item.field.part][name] = _plain(new)
        for name, value in after["customer"].items():
            setattr(survivor, name, _restore_value(Customer, name, value))
        if after["customer"]:
            survivor.full_clean()
            survivor.save()
        if after["contact_details"]:
            details = comparison.survivor_contact or ContactDetails(customer=survivor)
            for name, value in after["contact_details"].items():
                setattr(details, name, _restore_value(ContactDetails, name, value))
            details.live = True
            details.full_clean(validate_constraints=False)
            try:
                with transaction.atomic():
                    details.save()
            except IntegrityError:
                # Another record took the email since the check: the whole merge is undone.
                raise ValidationError({"email": "Another customer already has this email address."}) from None

        merge = CustomerMerge.objects.create(
            survivor=survivor,
            duplicate=duplicate,
            merged_at=now,
            merged_by=actor,
            survivor_before=before,
            survivor_after=after,
            moved=moved,
        )
        references = {"survivor": survivor.reference, "duplicate": duplicate.reference, "merge": merge.pk}
        audit_record(
            actor=actor,
            action="customer.merged",
            target=survivor,
            details={
                **references,
                "fields": sorted([*after["customer"], *after["contact_details"]]),
                "moved": {entry["model"]: len(entry.get("pks", entry.get("swapped", []))) for entry in moved},
            },
        )
        audit_record(
            actor=actor,
            action="customer.terminated",
            target=duplicate,
            details={"reason": int(codes.TerminationReason.DUPLICATE), **references},
        )
        customers_merged.send(sender=CustomerMerge, merge=merge)
    return merge


# Undo -------------------------------------------------------------------------------------------


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _later_merge_of(customer: Customer) -> CustomerMerge | None:
    return (
        CustomerMerge.objects.select_related("survivor")
        .filter(duplicate=customer, undone_at__isnull=True)
        .order_by("-merged_at")
        .first()
    )


def _survivor_email_after_undo(merge: CustomerMerge, survivor_contact: ContactDetails | None) -> str:
    current = survivor_contact.email if survivor_contact is not None else ""
    merged = merge.survivor_after.get("contact_details", {})
    if "email" in merged and current == merged["email"]:
        return str(merge.survivor_before["contact_details"]["email"])
    return current


def undo_problems(merge: CustomerMerge) -> list[str]:
    """Why undoing ``merge`` now would not be safe, as an administrator should read it; empty when
    it can be undone. Undo is refused rather than half done:

    - the kept record was terminated since (it is read-only; if it was itself merged into a third
      record, that later merge must be undone first);
    - the merged record is no longer the one this merge terminated;
    - a row the merge moved was deleted or moved on since (moving back the rest would split the
      history in a way nobody chose);
    - the records' email addresses would clash with a live customer's once the merged record is
      live again.
    """
    if merge.is_undone:
        return [f"This merge was already undone on {timezone.localtime(merge.undone_at).strftime('%-d %B %Y')}."]
    if merge.survivor_before.get(ERASED) or merge.survivor_after.get(ERASED):
        return ["The customer’s personal data has been erased since the merge, so there is nothing to restore."]
    # Read afresh: the merge's own copies of the records may predate what is being checked.
    records = Customer.objects.in_bulk([merge.survivor_id, merge.duplicate_id])
    survivor, duplicate = records[merge.survivor_id], records[merge.duplicate_id]
    problems = []
    if survivor.is_terminated:
        later = _later_merge_of(survivor)
        if later is not None:
            # Its rows have moved on with it; the later merge is the one thing to sort out first.
            return [
                f"The kept record {survivor.display_reference} has since been merged into "
                f"{later.survivor.display_reference}. Undo that merge first."
            ]
        else:
            problems.append(
                f"The kept record {survivor.display_reference} has since been terminated "
                f"({survivor.get_termination_reason_display().lower()}), so it cannot be changed."
            )
    if duplicate.terminated_at != merge.merged_at or duplicate.termination_reason != codes.TerminationReason.DUPLICATE:
        problems.append(f"The merged record {duplicate.display_reference} is no longer as this merge left it.")
    for entry in merge.moved:
        model = _model(entry["model"])
        if model is None:
            problems.append(f"Rows of ‘{entry['model']}’ were moved, and that part of the service no longer exists.")
            continue
        manager = model._base_manager
        field_name = entry["field"]
        if "swapped" in entry:
            mine, theirs = entry["swapped"]
            in_place = (
                manager.filter(pk=theirs, **{field_name: survivor}).exists()
                and manager.filter(pk=mine, **{field_name: duplicate}).exists()
            )
            missing = 0 if in_place else 1
        else:
            missing = len(entry["pks"]) - manager.filter(pk__in=entry["pks"], **{field_name: survivor}).count()
        if missing:
            name = model._meta.verbose_name if missing == 1 else model._meta.verbose_name_plural
            problems.append(
                f"{missing} {name} moved by the merge {'was' if missing == 1 else 'were'} deleted or moved to "
                "another record since."
            )
    contacts = _contact_details(survivor, duplicate)
    survivor_email = _survivor_email_after_undo(merge, contacts.get(survivor.pk))
    duplicate_email = contacts[duplicate.pk].email if duplicate.pk in contacts else ""
    if duplicate_email and duplicate_email == survivor_email:
        problems.append(
            f"The kept record {survivor.display_reference} now has the merged record’s email address. "
            "Change it first: two live records cannot share one."
        )
    for record, email in ((survivor, survivor_email), (duplicate, duplicate_email)):
        if not email:
            continue
        clash = (
            ContactDetails.objects.filter(email=email, live=True)
            .exclude(customer__in=[survivor, duplicate])
            .select_related("customer")
            .first()
        )
        if clash is not None:
            problems.append(
                f"Record {clash.customer.display_reference} now has the email address {record.display_reference} "
                "would get back. Two live records cannot share one: change one of them first."
            )
    return problems


@dataclass(frozen=True)
class UndoResult:
    merge: CustomerMerge
    # Values changed again since the merge: the later change was kept (labels of the fields).
    kept_changes: list[str]


def _restore(instance: models.Model, before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """Put back each value the merge set, unless it changed since; returns the ones left alone."""
    kept = []
    model = type(instance)
    for name, merged_value in after.items():
        if getattr(instance, name) == _restore_value(model, name, merged_value):
            setattr(instance, name, _restore_value(model, name, before[name]))
        else:
            kept.append(name)
    return kept


def _field_labels(names: Iterable[str]) -> list[str]:
    labels = []
    for item in FIELDS:
        if any(name in item.fields for name in names) and item.label not in labels:
            labels.append(item.label)
    return labels


def customer_merge_undo(*, actor: Any, merge: CustomerMerge, reason: str) -> UndoResult:
    """Separate the two records again (system administrators only); see undo_problems."""
    if actor is None or not actor.has_perm(UNDO_PERMISSION):
        raise PermissionDenied("Only system administrators undo merges.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the merge is being undone."})
    if len(reason) > 500:
        raise ValidationError({"reason": "The reason must be 500 characters or fewer."})
    now = timezone.now()
    with transaction.atomic():
        merge = CustomerMerge.objects.select_for_update().get(pk=merge.pk)
        survivor, duplicate = _lock(merge.survivor, merge.duplicate)
        merge.survivor, merge.duplicate = survivor, duplicate
        problems = undo_problems(merge)
        if problems:
            raise ValidationError(problems)

        for entry in merge.moved:
            model = apps.get_model(entry["model"])  # undo_problems made sure it exists
            field_name = entry["field"]
            relation = Relation(model, field_name, "swapped" in entry)
            if "swapped" in entry:
                mine, theirs = (model._base_manager.get(pk=pk) for pk in entry["swapped"])
                _swap_one_to_one(relation, mine, theirs)
            else:
                model._base_manager.filter(pk__in=entry["pks"]).update(**{field_name: duplicate})

        before, after = merge.survivor_before, merge.survivor_after
        kept = _restore(survivor, before.get("customer", {}), after.get("customer", {}))
        if after.get("customer"):
            survivor.save()
        details = ContactDetails.objects.filter(customer=survivor).first()
        if details is not None and after.get("contact_details"):
            kept += _restore(details, before["contact_details"], after["contact_details"])
            details.save()
        for pk, dates in after.get("addresses", {}).items():
            address = Address.objects.filter(pk=int(pk)).first()
            if address is None:
                continue
            if _restore(address, before["addresses"][pk], dates):
                kept.append("current address")
            else:
                address.save(update_fields=["effective_from", "effective_to"])

        duplicate.terminated_at = None
        duplicate.termination_reason = None
        duplicate.save(update_fields=["terminated_at", "termination_reason", "updated_at"])
        ContactDetails.objects.filter(customer=duplicate).update(live=True)

        merge.undone_at = now
        merge.undone_by = actor
        merge.undo_reason = reason
        merge.save(update_fields=["undone_at", "undone_by", "undo_reason"])
        kept_labels = _field_labels(kept) + (["Current address"] if "current address" in kept else [])
        references = {"survivor": survivor.reference, "duplicate": duplicate.reference, "merge": merge.pk}
        audit_record(
            actor=actor,
            action="customer.merge_undone",
            target=survivor,
            details={**references, "kept_changes": kept_labels},
        )
        # The reason is free text (it may name people): it stays on the merge, not in the audit log.
        audit_record(actor=actor, action="customer.unterminated", target=duplicate, details=references)
        customer_merge_undone.send(sender=CustomerMerge, merge=merge)
    return UndoResult(merge=merge, kept_changes=kept_labels)
