"""Skills assessments and skills checks taken on the public site, and the trait → job category
mapping that content editors keep.

An assessment belongs to whoever holds its reference code (or the signed-in person who saved it):
there is no account behind most of them. Writes go through services.py, reads through
selectors.py; scoring is instrument.py (pure functions).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL


class Assessment(models.Model):
    class Kind(models.TextChoices):
        INTERESTS = "interests", "Skills assessment"
        SKILLS_CHECK = "skills_check", "Skills check"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.INTERESTS)
    code = models.CharField(max_length=8, unique=True, help_text="The reference code, without spaces.")
    # Statement (or skill area) code → the answer's value on its scale.
    answers = models.JSONField(default=dict, blank=True)
    # The question page they were last on, so a code brings them back to it.
    current_page = models.PositiveSmallIntegerField(default=1)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Job category slug → {skill: yes or no}: answers to the narrowing questions.
    category_answers = models.JSONField(default=dict, blank=True)
    # The signed-in person who saved it to their online space, if anyone did.
    owner = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="assessments")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by every service that changes it: anonymous assessments go 12 months after this.
    changed_at = models.DateTimeField(db_index=True)

    class Meta:
        permissions = [
            ("view_assessment_results", "Can open a customer's assessment results with the reference code"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class TraitMapping(models.Model):
    """The traits a job category needs: it is suggested when every one of them is positive."""

    job_category = models.CharField(max_length=100, unique=True, help_text="The job category's slug.")
    traits = models.JSONField(default=list, blank=True, help_text="Trait codes (instrument.TRAITS).")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["job_category"]

    def __str__(self) -> str:
        return f"{self.job_category}: {', '.join(self.traits)}"
