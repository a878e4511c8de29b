"""Bootstrap the first system administrator of a new installation and print their invitation link."""

from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from signpost.accounts.models import User
from signpost.accounts.roles import Role
from signpost.accounts.services import invitation_url
from signpost.core.audit import audit_record
from signpost.organisations.models import NATIONAL_CONTACT_CENTRE_TOUCHPOINT, Organisation


class Command(BaseCommand):
    help = "Create a system administrator and print the link where they set a password and second factor."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--given-name", required=True)
        parser.add_argument("--family-name", required=True)
        parser.add_argument("--touchpoint", default=NATIONAL_CONTACT_CENTRE_TOUCHPOINT)
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        organisation = Organisation.objects.filter(touchpoint_id=options["touchpoint"]).first()
        if organisation is None:
            raise CommandError(f"No organisation has touchpoint ID {options['touchpoint']}.")
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError("An account with this email address already exists.")
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=None,
                given_name=options["given_name"],
                family_name=options["family_name"],
                organisation=organisation,
            )
            user.groups.set([Group.objects.get(name=Role.SYSTEM_ADMINISTRATOR)])
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
            audit_record(
                actor=None, action="staff.bootstrapped", target=user, reason="create_system_administrator command"
            )
        self.stdout.write(f"Invitation link (valid for 3 days): {invitation_url(user, options['base_url'])}")
