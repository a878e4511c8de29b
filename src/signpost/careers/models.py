"""Careers information: job categories, job profiles, occupation codes and labour market figures.

A job profile's lists (tasks, entry routes, skills, restrictions …) are JSON on the profile rather
than child tables: a profile is edited, reviewed and published as one document, and its history
(django-simple-history) then shows every change to it in one place. README.md describes the
shape of each list. Long text uses the small markup in ``text.py`` (paragraphs, "- "
bullets, [links](https://…)), never stored HTML.

Publishing: only ``status == published`` profiles are public. Editing a published profile makes a
working copy (a second row with ``draft_of`` set, same slug) that goes draft → review → published;
publishing copies it over the public row, so the public page, its address and its history stay
one record. A profile that was never published is its own draft. See README.md.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class JobCategory(models.Model):
    """One of the 25 job categories the public explore careers by."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "job categories"

    def __str__(self) -> str:
        return self.name


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


class ProfileSource(models.TextChoices):
    # Written by the service's own editors (including the sample content shipped in the repository).
    OURS = "ours", "Our content"
    # Imported from the national job profiles export (import_job_profiles).
    NATIONAL = "national", "National job profiles"


class TitleOption(models.TextChoices):
    """How the title reads in a sentence such as "How to become …"."""

    AS_DEFINED = "as_defined", "As written"
    PREFIX_A = "prefix_with_a", "With 'a'"
    PREFIX_AN = "prefix_with_an", "With 'an'"
    NO_PREFIX = "no_prefix", "No article"
    NO_TITLE = "no_title", "Do not repeat the title"


class HoursPeriod(models.TextChoices):
    WEEK = "week", "a week"
    VARIABLE = "variable", "variable"
    IRREGULAR = "irregular", "irregular"
    TERM_TIME = "term_time", "term time"
    SEASONAL = "seasonal", "seasonal"


class DigitalSkillsLevel(models.TextChoices):
    BASIC = "basic", "Basic: simple tasks on a computer or hand-held device"
    CONFIDENT = "confident", "Confident: use a computer and the main software packages"
    ADVANCED = "advanced", "Advanced: a thorough understanding of computer systems and applications"


class RouteKind(models.TextChoices):
    """The seven ways into a job, in the order a profile shows them."""

    UNIVERSITY = "university", "University"
    COLLEGE = "college", "College"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"
    WORK = "work", "Work"
    VOLUNTEERING = "volunteering", "Volunteering"
    DIRECT = "direct", "Direct application"
    OTHER = "other", "Other routes"


class JobProfile(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    title_option = models.CharField(max_length=20, choices=TitleOption.choices, default=TitleOption.AS_DEFINED)
    # Other names people know the job by (shown), and names only the search uses (misspellings,
    # old names, slang).
    alternative_titles = models.JSONField(default=list, blank=True)
    hidden_titles = models.JSONField(default=list, blank=True)
    overview = models.TextField()

    # Typical yearly pay in pounds; empty when the profile says it varies.
    salary_starter = models.PositiveIntegerField(null=True, blank=True)
    salary_experienced = models.PositiveIntegerField(null=True, blank=True)
    hours_min = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    hours_max = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    hours_period = models.CharField(max_length=20, choices=HoursPeriod.choices, default=HoursPeriod.WEEK)
    # "evenings / weekends", "freelance / self-employed" …; details such as "on shifts".
    working_pattern = models.CharField(max_length=200, blank=True)
    working_pattern_details = models.CharField(max_length=200, blank=True)

    # Lists of short phrases, each finishing "You could …" / "Your working environment may be …".
    tasks = models.JSONField("day-to-day tasks", default=list, blank=True)
    working_environment = models.JSONField(default=list, blank=True)
    working_locations = models.JSONField(default=list, blank=True)
    uniform = models.JSONField(default=list, blank=True)

    # [{kind, subjects, description, requirements_intro, requirements[], links[{text, url}],
    #   further_information}], at most one per RouteKind (content.py).
    entry_routes = models.JSONField(default=list, blank=True)
    # [{name, description, onet_element_id, rank}] ranked 1 = most important.
    skills = models.JSONField(default=list, blank=True)
    digital_skills_level = models.CharField(max_length=20, choices=DigitalSkillsLevel.choices, blank=True)
    restrictions = models.JSONField("restrictions and requirements", default=list, blank=True)
    other_requirements = models.JSONField(default=list, blank=True)
    registrations = models.JSONField(default=list, blank=True)
    # [{reference, title, level}] apprenticeship standards the apprenticeship route leads to.
    apprenticeship_standards = models.JSONField(default=list, blank=True)
    professional_bodies = models.TextField(blank=True)
    career_tips = models.TextField(blank=True)
    further_information = models.TextField(blank=True)
    career_path = models.TextField("career path and progression", blank=True)

    categories = models.ManyToManyField(JobCategory, related_name="profiles", blank=True)
    related_careers = models.ManyToManyField("self", symmetrical=False, related_name="+", blank=True)
    sector = models.CharField(max_length=100, blank=True)
    soc2010_code = models.CharField("SOC 2010 code", max_length=4, blank=True, db_index=True)
    soc2020_code = models.CharField("SOC 2020 code", max_length=4, blank=True, db_index=True)
    # As given by the source: the national profiles use the O*NET-SOC 2010 taxonomy. import_onet
    # links the profile to the current O*NET occupation through the crosswalk.
    onet_code = models.CharField("O*NET-SOC code", max_length=10, blank=True, db_index=True)
    onet_occupation = models.ForeignKey(
        "OnetOccupation", on_delete=models.SET_NULL, null=True, blank=True, related_name="profiles"
    )

    status = models.CharField(max_length=10, choices=ProfileStatus.choices, default=ProfileStatus.DRAFT)
    # Set on a working copy of a published profile; publishing it copies it over this profile.
    draft_of = models.OneToOneField(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="working_copy"
    )
    source = models.CharField(max_length=10, choices=ProfileSource.choices, default=ProfileSource.OURS)
    # The source's own id (the national export's content item id), so a re-import updates.
    source_id = models.CharField(max_length=64, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    last_reviewed_on = models.DateField(null=True, blank=True)
    review_due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[categories], excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["title", "id"]
        permissions = [
            ("edit_job_profiles", "Can create job profiles and edit drafts"),
            ("publish_job_profiles", "Can publish job profiles that are in review"),
        ]
        constraints = [
            # One public address per profile; a working copy shares the slug of what it edits.
            models.UniqueConstraint(fields=["slug"], condition=Q(draft_of__isnull=True), name="jobprofile_slug_unique"),
            models.CheckConstraint(
                condition=~Q(status=ProfileStatus.PUBLISHED) | Q(draft_of__isnull=True),
                name="jobprofile_working_copy_not_published",
            ),
            models.CheckConstraint(
                condition=Q(hours_min__isnull=True)
                | Q(hours_max__isnull=True)
                | Q(hours_min__lte=models.F("hours_max")),
                name="jobprofile_hours_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "title"], name="jobprofile_status_title_idx"),
            models.Index(fields=["review_due_on"], name="jobprofile_review_due_idx"),
            models.Index(fields=["source", "source_id"], name="jobprofile_source_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == ProfileStatus.PUBLISHED

    def route(self, kind: str) -> dict[str, Any] | None:
        return next((route for route in self.entry_routes if route.get("kind") == kind), None)


class SocUnitGroup(models.Model):
    """A SOC 2020 unit group (ONS), with its description, for profiles and labour market figures."""

    code = models.CharField(max_length=4, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    entry_routes = models.TextField("typical entry routes and qualifications", blank=True)
    tasks = models.JSONField(default=list, blank=True)
    related_job_titles = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "SOC 2020 unit group"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class OnetOccupation(models.Model):
    """An O*NET 29.3 occupation (O*NET-SOC 2019 code) with what enriches a profile."""

    code = models.CharField(max_length=10, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # 1 (little preparation) to 5 (extensive preparation).
    job_zone = models.PositiveSmallIntegerField(null=True, blank=True)
    # RIASEC occupational interest scores, 1 to 7.
    realistic = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    investigative = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    artistic = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    social = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    enterprising = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    conventional = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    # High-point code, e.g. "SAE": the strongest interests first.
    interest_code = models.CharField(max_length=3, blank=True)
    # [{element_id, name, importance, level}] the most important skills, most important first.
    top_skills = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "O*NET occupation"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def interest_scores(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in RIASEC}


RIASEC = ("realistic", "investigative", "artistic", "social", "enterprising", "conventional")


class SocVersion(models.TextChoices):
    SOC2010 = "2010", "SOC 2010"
    SOC2020 = "2020", "SOC 2020"


class OccupationPay(models.Model):
    """Yearly gross pay for full-time employees in one occupation and year (an official earnings table)."""

    soc_version = models.CharField(max_length=4, choices=SocVersion.choices)
    soc_code = models.CharField(max_length=4)
    year = models.PositiveSmallIntegerField()
    median = models.PositiveIntegerField()
    lower_quartile = models.PositiveIntegerField(null=True, blank=True)
    upper_quartile = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=200)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["soc_version", "soc_code", "year"]
        verbose_name_plural = "occupation pay"
        constraints = [
            models.UniqueConstraint(fields=["soc_version", "soc_code", "year"], name="occupationpay_unique"),
        ]

    def __str__(self) -> str:
        return f"SOC {self.soc_version} {self.soc_code} {self.year}: £{self.median}"


class OccupationEmployment(models.Model):
    """People employed in one occupation in one year: an estimate, or a projection of a future year."""

    soc_version = models.CharField(max_length=4, choices=SocVersion.choices)
    soc_code = models.CharField(max_length=4)
    year = models.PositiveSmallIntegerField()
    employed = models.PositiveIntegerField()
    is_projection = models.BooleanField(default=False)
    source = models.CharField(max_length=200)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["soc_version", "soc_code", "year"]
        constraints = [
            models.UniqueConstraint(fields=["soc_version", "soc_code", "year"], name="occupationemployment_unique"),
        ]

    def __str__(self) -> str:
        return f"SOC {self.soc_version} {self.soc_code} {self.year}: {self.employed}"


class JobProfileVector(models.Model):
    """A published profile's sentence embedding, for the "describe what you enjoy" search
    (embeddings.py, an optional extra). Derived data: ``embed_job_profiles`` makes it again from
    the profile at any time, and only where ``text_hash`` or ``model_name`` no longer match."""

    profile = models.OneToOneField(JobProfile, on_delete=models.CASCADE, primary_key=True, related_name="vector")
    model_name = models.CharField(max_length=100)
    # SHA-256 of the text the vector was made from (embeddings.profile_text).
    text_hash = models.CharField(max_length=64)
    # float32, little-endian, unit length: 4 bytes for each of the model's dimensions.
    vector = models.BinaryField()
    embedded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.model_name} vector of profile {self.profile_id}"
