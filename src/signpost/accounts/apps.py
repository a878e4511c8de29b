from typing import Any

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_migrate


def _last_app_migrated() -> AppConfig:
    """post_migrate is sent for each app with models, in INSTALLED_APPS order; this one is last."""
    return [config for config in apps.get_app_configs() if config.models_module is not None][-1]


def sync_role_groups(**kwargs: Any) -> None:
    """Make every role's group hold exactly the permissions in roles.ROLE_PERMISSIONS."""
    from django.contrib.auth.models import Group, Permission

    from signpost.accounts.roles import ROLE_PERMISSIONS

    using = kwargs.get("using", "default")
    for role, permission_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        permissions = []
        for name in permission_names:
            app_label, codename = name.split(".")
            permission = (
                Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename).first()
            )
            if permission is None:
                if kwargs.get("app_config") is _last_app_migrated():
                    raise ImproperlyConfigured(f"The {role} role names {name}, a permission no app defines.")
                return  # permissions of a later app are not created yet; the next post_migrate finishes
            permissions.append(permission)
        group.permissions.set(permissions)


class AccountsConfig(AppConfig):
    name = "signpost.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from signpost.accounts import signals  # noqa: F401 - connects the audit receivers

        post_migrate.connect(sync_role_groups, dispatch_uid="signpost.sync_role_groups")
