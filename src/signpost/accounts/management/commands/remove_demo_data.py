"""Deactivate and strip the demo accounts so a database can be promoted to production."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from signpost.accounts.models import User
from signpost.accounts.services import end_all_sessions


class Command(BaseCommand):
    help = "Deactivate every demo account, remove its password and second factors, and clear its demo flag."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            demo_users = list(User.objects.filter(is_demo=True))
            for user in demo_users:
                end_all_sessions(user)
                Authenticator.objects.filter(user=user).delete()
                user.set_unusable_password()
                user.is_active = False
                user.is_demo = False
                user.email = f"removed-demo-{user.pk}@invalid.invalid"
                user.save()
                EmailAddress.objects.filter(user=user).delete()
        self.stdout.write(f"Removed {len(demo_users)} demo accounts.")
