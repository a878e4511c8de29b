"""Create the demo staff, customers and partner directory listed in the README. Safe to run again."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from signpost.accounts.demo import (
    DEMO_CUSTOMERS,
    DEMO_ORGANISATIONS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    STAFF_NAMES,
    demo_staff_email,
)
from signpost.accounts.models import User
from signpost.organisations.models import Organisation


class Command(BaseCommand):
    help = "Load demo accounts and partners (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo data can only be loaded with SIGNPOST_DEMO on (never in production).")
        with transaction.atomic():
            staff = self._staff()
            customers = self._customers()
        self.stdout.write(f"Demo data ready: {staff} staff, {customers} customers.")
        # Generated customer records with contact histories, recorded by the demo adviser.
        call_command("load_demo_customers", stdout=self.stdout, stderr=self.stderr)
        # Partners are a referral directory, not organisations with staff (referrals.models), so the
        # demo partners live there, with referrals on some of the customers above.
        call_command("load_demo_partners", stdout=self.stdout, stderr=self.stderr)
        # Skills action plans and outcomes in several states, on some of the customers above.
        call_command("load_demo_plans", stdout=self.stdout, stderr=self.stderr)
        # Tasks, transfers and follow-up calls on some of those customers (casework).
        call_command("load_demo_casework", stdout=self.stdout, stderr=self.stderr)
        # Venues for every area prime, and advice sessions in several states on some of the customers.
        call_command("load_demo_sessions", stdout=self.stdout, stderr=self.stderr)
        # Generated course listings (there are no real ones): providers, venues, courses and runs.
        call_command("load_demo_courses", stdout=self.stdout, stderr=self.stderr)
        # The 25 job categories and our own sample job profiles (careers/content), kept if already there.
        call_command("load_careers_content", stdout=self.stdout, stderr=self.stderr)
        # Skills assessment and skills check results saved in Jordan Hughes's online space.
        call_command("load_demo_assessments", stdout=self.stdout, stderr=self.stderr)

    def _verified(self, user: User) -> None:
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})

    def _staff(self) -> int:
        count = 0
        for organisation_key, touchpoint_id in DEMO_ORGANISATIONS.items():
            organisation = Organisation.objects.get(touchpoint_id=touchpoint_id)
            for role, (given_name, family_name) in STAFF_NAMES.items():
                email = demo_staff_email(role, organisation_key)
                user = User.objects.filter(email=email).first()
                if user is None:
                    user = User.objects.create_user(
                        email=email,
                        password=DEMO_PASSWORD,
                        given_name=given_name,
                        family_name=family_name,
                        organisation=organisation,
                        is_demo=True,
                    )
                user.groups.set([Group.objects.get(name=role)])
                self._verified(user)
                if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                    TOTP.activate(user, DEMO_TOTP_SECRET)
                    RecoveryCodes.activate(user)
                count += 1
        return count

    def _customers(self) -> int:
        for customer in DEMO_CUSTOMERS:
            user = User.objects.filter(email=customer.email).first()
            if user is None:
                user = User.objects.create_user(
                    email=customer.email,
                    password=DEMO_PASSWORD,
                    given_name=customer.given_name,
                    family_name=customer.family_name,
                    is_demo=True,
                )
            self._verified(user)
        return len(DEMO_CUSTOMERS)
