"""The kinds of event a customer's timeline shows beside their contacts.

Each domain app registers its kinds once, at import of its models module or in its AppConfig.ready():

    register_event_kinds("plan", "Skills action plans", {"plan.created": "Skills action plan created", ...})

Kinds are dotted slugs "<group>.<what happened>"; the timeline filter offers one checkbox per group.
Kinds are not database choices, so adding one needs no migration; services.timeline_event_record
refuses a kind nobody registered, so a typo fails at once rather than hiding entries from a filter.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventGroup:
    slug: str
    label: str
    kinds: dict[str, str]


_GROUPS: dict[str, EventGroup] = {}


def register_event_kinds(group: str, label: str, kinds: dict[str, str]) -> None:
    """Add ``kinds`` (slug → label) to ``group``. Idempotent: re-registering the same labels is fine."""
    existing = _GROUPS.get(group)
    merged = dict(existing.kinds) if existing else {}
    for slug, kind_label in kinds.items():
        if not slug.startswith(f"{group}."):
            raise ValueError(f"Timeline event kind {slug!r} must start with {group!r}.")
        merged[slug] = kind_label
    _GROUPS[group] = EventGroup(group, label, merged)


def event_groups() -> list[EventGroup]:
    """Every registered group, in the order they were first registered."""
    return list(_GROUPS.values())


def kinds_of_groups(groups: list[str]) -> list[str]:
    return [kind for group in groups if group in _GROUPS for kind in _GROUPS[group].kinds]


def is_registered(kind: str) -> bool:
    group = kind.partition(".")[0]
    return group in _GROUPS and kind in _GROUPS[group].kinds


def kind_label(kind: str) -> str:
    group = _GROUPS.get(kind.partition(".")[0])
    return group.kinds.get(kind, kind) if group else kind


# Advice sessions (this app).
register_event_kinds(
    "session",
    "Advice sessions",
    {
        "session.booked": "Session booked",
        "session.attended": "Session attended",
        "session.did_not_attend": "Did not attend a session",
        "session.cancelled": "Session cancelled",
        "session.rescheduled": "Session rescheduled",
    },
)
