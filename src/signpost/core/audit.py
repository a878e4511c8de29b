"""Writing to the audit log. Call inside the service's transaction so both commit or neither."""

from __future__ import annotations

from typing import Any

from django.db import models

from signpost.core.models import AuditEvent
from signpost.core.request_context import current_ip_address


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event. ``target`` fills the object type and id from a model instance."""
    if target is not None:
        object_type = target._meta.label_lower
        object_id = str(target.pk)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        ip_address=current_ip_address(),
        reason=reason,
        details=details or {},
    )
