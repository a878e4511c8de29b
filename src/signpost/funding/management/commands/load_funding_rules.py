"""Load the default funding eligibility rules (funding.default_rules). Safe to run again: a rule
set already as at the default's date is left as content editors made it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from signpost.funding import services


class Command(BaseCommand):
    help = "Load the default funding eligibility rule set if it is not there yet."

    def handle(self, *args: Any, **options: Any) -> None:
        rule_set, created = services.rule_set_load_default(actor=None)
        state = "loaded" if created else "already there"
        self.stdout.write(f"Funding rules {state}: {rule_set} with {rule_set.rules.count()} rules.")
