"""Reference data: the national contact centre and the nine area prime contractors (domain.md §2).

Kept in step after every `migrate` (and after the test suite's flushes), like Django's own
permissions, so every installation has them and nobody needs to type a touchpoint ID.
"""

from typing import Any

from signpost.organisations.models import NATIONAL_CONTACT_CENTRE_TOUCHPOINT, Area


def delivering_organisations() -> list[tuple[str, str, str, int | None]]:
    national = (NATIONAL_CONTACT_CENTRE_TOUCHPOINT, "National contact centre", "national", None)
    primes = [(f"0000000{area.value}", area.label, "prime", area.value) for area in Area]
    return [national, *primes]


def sync_delivering_organisations(**kwargs: Any) -> None:
    from signpost.organisations.models import Organisation

    using = kwargs.get("using", "default")
    for touchpoint_id, name, kind, area in delivering_organisations():
        if not Organisation.objects.using(using).filter(touchpoint_id=touchpoint_id).exists():
            Organisation.objects.using(using).create(touchpoint_id=touchpoint_id, name=name, kind=kind, area=area)
