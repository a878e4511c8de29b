"""Writes of skills assessments and skills checks, and of the trait → job category mapping.

Each runs in one transaction with its audit event; messages go through the notifications outbox.
Audit details name the assessment and what kind of change it was, never the answers or the
email address or mobile number a code was sent to.

Who may change an assessment is decided by the caller holding it: the public pages only ever
load the assessment whose code is in the visitor's session (they typed it, or started it there),
or one the signed-in person saved (selectors). Codes are looked up through ``assessment_resume``
alone, which counts every try so codes cannot be found by guessing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from signpost.assessments import codes, instrument, skills_check
from signpost.assessments.models import Assessment, TraitMapping
from signpost.core.audit import audit_record
from signpost.core.models import Notification
from signpost.core.notifications import render_message, send_email, send_sms
from signpost.customers import rules as customer_rules
from signpost.customers.models import Customer
from signpost.plans import codes as plan_codes
from signpost.plans import services as plan_services
from signpost.plans.models import Action, ActionPlan
from signpost.space import services as space_services
from signpost.space.models import SavedItem

# Code lookups: at most LOOKUP_LIMIT tries per client in LOOKUP_WINDOW, right or wrong, so the
# codes (about 5 x 10^11 of them) cannot be walked through.
LOOKUP_LIMIT = 10
LOOKUP_WINDOW = datetime.timedelta(minutes=15)
# Anonymous assessments not changed for this long are deleted by the scheduled job.
KEEP_UNCHANGED = datetime.timedelta(days=365)
# "Discuss results" actions are due a fortnight after they are added unless the adviser changes it.
DISCUSS_DUE_AFTER = datetime.timedelta(days=14)
SUGGESTED_ACTIONS_DUE_AFTER = datetime.timedelta(days=28)

TOO_MANY_TRIES = "You have tried too many reference codes. Wait 15 minutes, then try again."
NOT_FOUND = "We could not find an assessment with that reference code. Check it and try again."
NOT_A_CODE = "Enter a reference code of 8 letters and numbers, like ABCD 2345"


def _require_staff(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False) or getattr(actor, "organisation_id", None) is None:
        raise PermissionDenied("Only staff can do this.")


def _kind_of(assessment: Assessment) -> str:
    return str(assessment.kind)


def assessment_start(*, actor: Any, kind: str = Assessment.Kind.INTERESTS) -> Assessment:
    """A new, empty assessment with a fresh random code."""
    if kind not in Assessment.Kind.values:
        raise ValueError(f"Unknown kind of assessment: {kind}")
    now = timezone.now()
    for _ in range(5):
        try:
            with transaction.atomic():
                assessment = Assessment.objects.create(kind=kind, code=codes.new_code(), changed_at=now)
                audit_record(actor=actor, action="assessment.started", target=assessment, details={"kind": kind})
                return assessment
        except IntegrityError:
            continue  # the code was already taken (about one chance in 10^11): draw another
    raise RuntimeError("Could not draw an unused reference code.")


def _check_answers(assessment: Assessment, answers: Mapping[str, int]) -> None:
    if assessment.kind == Assessment.Kind.INTERESTS:
        known, scale = instrument.STATEMENT_BY_CODE, instrument.SCALE_VALUES
    else:
        known, scale = skills_check.AREA_BY_CODE, skills_check.SCALE_VALUES  # type: ignore[assignment]
    for code, value in answers.items():
        if code not in known or value not in scale:
            raise ValueError(f"{code}={value!r} is not an answer to this assessment.")


def _all_answered(assessment: Assessment) -> bool:
    if assessment.kind == Assessment.Kind.INTERESTS:
        return not instrument.unanswered(assessment.answers)
    return all(area.code in assessment.answers for area in skills_check.AREAS)


def assessment_answer(*, actor: Any, assessment: Assessment, answers: Mapping[str, int], page: int) -> Assessment:
    """Keep the answers given on one page (all or some of them) and that they were on ``page``.

    The assessment is complete once every statement has an answer; answering again later (after
    "change your answers") keeps it complete.
    """
    _check_answers(assessment, answers)
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        locked.answers = {**locked.answers, **{code: int(value) for code, value in answers.items()}}
        locked.current_page = max(1, page)
        now = timezone.now()
        newly_complete = locked.completed_at is None and _all_answered(locked)
        if newly_complete:
            locked.completed_at = now
        locked.changed_at = now
        locked.save(update_fields=["answers", "current_page", "completed_at", "changed_at"])
        audit_record(
            actor=actor,
            action="assessment.completed" if newly_complete else "assessment.answered",
            target=locked,
            details={"page": page, "answers": len(answers)},
        )
    return locked


def _lookup_key(client: str) -> str:
    return f"assessments:code-lookups:{client}"


def lookups_left(client: str) -> int:
    return max(0, LOOKUP_LIMIT - int(cache.get(_lookup_key(client), 0)))


def _count_lookup(client: str) -> int:
    key = _lookup_key(client)
    # add() starts the window only on the first try; incr() never extends it.
    cache.add(key, 0, timeout=int(LOOKUP_WINDOW.total_seconds()))
    try:
        return int(cache.incr(key))
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=int(LOOKUP_WINDOW.total_seconds()))
        return 1


def assessment_resume(*, actor: Any, code_text: str, client: str, kind: str | None = None) -> Assessment:
    """The assessment with this reference code, for someone coming back to it.

    ``client`` identifies who is trying (their IP address, or a staff member's id). Every try
    counts, found or not, and once the limit is reached even a right code is refused: a guesser
    learns nothing from the answer. Raises ValidationError with the message to show.
    """
    normalised = codes.normalise(code_text)
    if normalised is None:
        # Not counted: it could never match, so it tells a guesser nothing.
        raise ValidationError(NOT_A_CODE, code="not_a_code")
    if _count_lookup(client) > LOOKUP_LIMIT:
        audit_record(actor=actor, action="assessment.lookup_refused", details={"reason": "too_many_tries"})
        raise ValidationError(TOO_MANY_TRIES, code="too_many_tries")
    found = Assessment.objects.filter(code=normalised)
    if kind is not None:
        found = found.filter(kind=kind)
    assessment = found.first()
    if assessment is None:
        audit_record(actor=actor, action="assessment.lookup_failed")
        raise ValidationError(NOT_FOUND, code="not_found")
    audit_record(actor=actor, action="assessment.resumed", target=assessment)
    return assessment


def assessment_code_send(*, actor: Any, assessment: Assessment, email: str = "", mobile: str = "") -> None:
    """Send the reference code by email or text message. The address is used once and not kept."""
    context = {"code": codes.display(assessment.code), "kind": assessment.get_kind_display().lower()}
    with transaction.atomic():
        if email:
            subject, body = render_message("assessments/messages/code", context)
            send_email(to=email.strip(), subject=subject, body=body, reference="assessment-code", about=assessment)
            channel = "email"
        elif mobile:
            number = customer_rules.parse_phone(mobile, mobile=True)
            _, body = render_message("assessments/messages/code_sms", context)
            send_sms(to=number.e164, body=body, reference="assessment-code", about=assessment)
            channel = "sms"
        else:
            raise ValueError("An email address or a mobile number is needed.")
        audit_record(actor=actor, action="assessment.code_sent", target=assessment, details={"channel": channel})


def category_answers_save(
    *, actor: Any, assessment: Assessment, job_category: str, answers: Mapping[str, bool]
) -> Assessment:
    """Replace the answers to one job category's narrowing questions."""
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        locked.category_answers = {**locked.category_answers, job_category: {k: bool(v) for k, v in answers.items()}}
        locked.changed_at = timezone.now()
        locked.save(update_fields=["category_answers", "changed_at"])
        audit_record(
            actor=actor, action="assessment.category_answered", target=locked, details={"job_category": job_category}
        )
    return locked


def _saved_item_kind(assessment: Assessment) -> str:
    if assessment.kind == Assessment.Kind.SKILLS_CHECK:
        return SavedItem.Kind.SKILLS_CHECK
    return SavedItem.Kind.ASSESSMENT


def assessment_save_to_space(*, actor: Any, assessment: Assessment) -> SavedItem:
    """Keep the results in the signed-in person's online space; they then own the assessment
    (they can open it without the code, and it is no longer anonymous, so it is not deleted)."""
    if assessment.owner_id is not None and assessment.owner_id != getattr(actor, "pk", None):
        raise PermissionDenied("Someone else has saved this assessment to their online space.")
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        locked.owner = actor
        locked.changed_at = timezone.now()
        locked.save(update_fields=["owner", "changed_at"])
        when = timezone.localtime(locked.completed_at or locked.created_at).strftime("%-d %B %Y")
        saved = space_services.saved_item_save(
            actor=actor,
            kind=_saved_item_kind(locked),
            key=str(locked.pk),
            title=f"{locked.get_kind_display()} results, {when}",
            path=reverse("portal:assessment_saved_open", kwargs={"pk": locked.pk}),
        )
        audit_record(actor=actor, action="assessment.saved_to_space", target=locked)
    assessment.owner = actor
    return saved


def assessment_results_viewed(*, actor: Any, assessment: Assessment, customer: Customer, how: str) -> None:
    """An adviser opened a customer's results (with the code they gave, or saved in their space)."""
    _require_staff(actor)
    audit_record(
        actor=actor,
        action="assessment.results_viewed",
        target=customer,
        details={"assessment": assessment.pk, "how": how},
    )


def discuss_results_add(*, actor: Any, assessment: Assessment, plan: ActionPlan) -> Action:
    """Add "discuss the results" to one of the customer's action plans (adviser only)."""
    _require_staff(actor)
    if not assessment.completed_at:
        raise ValidationError("The assessment is not finished yet, so there are no results to discuss.")
    with transaction.atomic():
        action = plan_services.action_add(
            actor=actor,
            plan=plan,
            action_type=plan_codes.ActionType.DISCOVER_YOUR_SKILLS_AND_CAREERS,
            summary=f"Discuss the results of the {assessment.get_kind_display().lower()} "
            f"(reference {codes.display(assessment.code)}) with your adviser.",
            due_on=timezone.localdate() + DISCUSS_DUE_AFTER,
            responsible=plan_codes.PersonResponsible.ADVISER,
        )
        audit_record(
            actor=actor,
            action="assessment.discussion_planned",
            target=plan.customer,
            details={"assessment": assessment.pk, "plan": plan.pk, "action": action.pk},
        )
    return action


def skills_check_actions_add(*, actor: Any, assessment: Assessment, plan: ActionPlan) -> list[Action]:
    """Add the skills check's suggested action for each area to develop to an action plan, as
    actions for the customer, due in four weeks. Staff may add them to any plan; a customer only to
    a plan they made themselves (plans.services.action_add decides)."""
    if assessment.kind != Assessment.Kind.SKILLS_CHECK or not assessment.completed_at:
        raise ValidationError("Only a finished skills check has suggested actions.")
    areas = skills_check.skills_check_result(assessment.answers).to_develop
    if not areas:
        raise ValidationError("The customer did not pick out any area to develop, so there are no actions to add.")
    with transaction.atomic():
        actions = [
            plan_services.action_add(
                actor=actor,
                plan=plan,
                action_type=area.action_type,
                summary=f"{area.name}: {area.develop_action}",
                due_on=timezone.localdate() + SUGGESTED_ACTIONS_DUE_AFTER,
                responsible=plan_codes.PersonResponsible.CUSTOMER,
            )
            for area in areas
        ]
        audit_record(
            actor=actor,
            action="assessment.actions_planned",
            target=plan.customer,
            details={"assessment": assessment.pk, "plan": plan.pk, "actions": [action.pk for action in actions]},
        )
    return actions


def stale_assessments_delete(now: datetime.datetime | None = None) -> int:
    """Delete anonymous assessments not changed for 12 months (kept ones belong to an account)."""
    cutoff = (now or timezone.now()) - KEEP_UNCHANGED
    with transaction.atomic():
        stale = Assessment.objects.filter(owner__isnull=True, changed_at__lt=cutoff)
        ids = [str(pk) for pk in stale.values_list("pk", flat=True)]
        count = len(ids)
        if count:
            # The messages that carried their codes hold an email address or mobile number: they go too.
            Notification.objects.filter(about_type=Assessment._meta.label_lower, about_id__in=ids).delete()
            stale.delete()
            audit_record(actor=None, action="assessment.stale_deleted", details={"count": count})
    return count


def trait_mapping_update(*, actor: Any, job_category: str, traits: Iterable[str], reason: str = "") -> TraitMapping:
    """Change the traits a job category needs (content editors); history keeps each version."""
    if not getattr(actor, "has_perm", lambda _: False)("assessments.change_traitmapping"):
        raise PermissionDenied("Only content editors can change the assessment mapping.")
    chosen = [trait.code for trait in instrument.TRAITS if trait.code in set(traits)]
    unknown = set(traits) - set(chosen)
    if unknown:
        raise ValidationError(f"Unknown traits: {', '.join(sorted(unknown))}")
    if not chosen:
        raise ValidationError({"traits": "Choose at least one trait, or the category can never be suggested"})
    with transaction.atomic():
        mapping, _ = TraitMapping.objects.select_for_update().get_or_create(job_category=job_category)
        before = list(mapping.traits)
        mapping.traits = chosen
        mapping._history_user = actor  # type: ignore[attr-defined]
        mapping._change_reason = reason  # type: ignore[attr-defined]
        mapping.save()
        audit_record(
            actor=actor,
            action="assessment.mapping_changed",
            target=mapping,
            details={"job_category": job_category, "before": before, "after": chosen},
        )
    return mapping
