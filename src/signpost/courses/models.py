"""The course directory: providers, their venues, their courses and the runs of each course.

A provider is a college or training provider, known nationally by its UKPRN. A course is what is
taught (title, qualification, level, sector, type and the descriptions a learner reads); a course
run is one way of taking it (where, how, when, how long, at what cost). Where a run happens depends
on its delivery mode: classroom and blended runs are at one of the provider's venues, work-based
runs are in regions (or nationally), online runs are nowhere in particular.

Records made by the course generator are marked ``generated``: there are no real listings behind
them, and the public pages say so. Writes go through services.py, reads through selectors.py.

Natural keys, so a CSV upload can be re-run without duplicates: a provider's UKPRN; a venue's
name within its provider (case ignored); a course's ``provider_reference`` within its provider;
a run's ``provider_reference`` within its course.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from signpost.courses import codes
from signpost.organisations.models import Area

USER = settings.AUTH_USER_MODEL
DESCRIPTION_MAX_LENGTH = 2000
ukprn_validator = RegexValidator(
    r"^[1-9][0-9]{7}$", "Enter a UK provider reference number (UKPRN) of 8 digits, like 10012345.", code="ukprn"
)
reference_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$",
    "A reference can only include letters, numbers, spaces, full stops, hyphens, underscores and slashes.",
    code="reference",
)


class Provider(models.Model):
    name = models.CharField(max_length=200)
    trading_name = models.CharField(max_length=200, blank=True)
    ukprn = models.CharField("UKPRN", max_length=8, unique=True, validators=[ukprn_validator])
    contact_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    website = models.URLField(max_length=300, blank=True)
    generated = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        permissions = [
            ("manage_courses", "Can manage every provider's courses, venues and course runs"),
            ("manage_provider_courses", "Can manage their own provider's courses, venues and course runs"),
        ]
        indexes = [models.Index(Lower("name"), name="provider_name_ci_idx")]

    def __str__(self) -> str:
        return self.trading_name or self.name


class ProviderEditor(models.Model):
    """A course editor's provider: the one provider whose courses they may manage."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="course_provider_link")
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="editors")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["provider", "user"]

    def __str__(self) -> str:
        return f"{self.user_id} edits {self.provider_id}"


class Venue(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="venues")
    name = models.CharField(max_length=200)
    address_line_1 = models.CharField(max_length=100)
    address_line_2 = models.CharField(max_length=100, blank=True)
    town = models.CharField(max_length=100)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8)
    # From signpost.core.geography when the venue is saved: the postcode's own point, or its
    # district's centre for a postcode too new to be placed; empty only for Northern Ireland.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    local_authority = models.CharField(max_length=9, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    website = models.URLField(max_length=300, blank=True)
    generated = models.BooleanField(default=False)
    # Set when an editor removed the venue but past runs still name it (rules.py, removing listings).
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint("provider", Lower("name"), name="venue_name_unique_per_provider")]
        # A search near a place first cuts a box of latitude and longitude, then measures.
        indexes = [models.Index(fields=["latitude", "longitude"], name="venue_position_idx")]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="courses")
    # The provider's own code for the course; with the provider, the key a CSV upload matches on.
    provider_reference = models.CharField(max_length=50, blank=True, validators=[reference_validator])
    title = models.CharField(max_length=255)
    qualification = models.CharField("qualification title", max_length=255, blank=True)
    awarding_body = models.CharField(max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(choices=codes.Level.choices)
    sector = models.PositiveSmallIntegerField(choices=codes.Sector.choices)
    course_type = models.CharField(max_length=30, choices=codes.CourseType.choices, default=codes.CourseType.OTHER)
    who_it_is_for = models.TextField("who this course is for", max_length=DESCRIPTION_MAX_LENGTH)
    entry_requirements = models.TextField(max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    what_you_will_learn = models.TextField("what you'll learn", max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    how_you_will_learn = models.TextField("how you'll learn", max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    what_to_bring = models.TextField("what you'll need to bring", max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    how_you_will_be_assessed = models.TextField("how you'll be assessed", max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    what_next = models.TextField("where next", max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    generated = models.BooleanField(default=False)
    # Set when an editor removed a course that has runs: kept for history, never shown to the public.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=~Q(provider_reference=""),
                name="course_reference_unique_per_provider",
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "title"], name="course_provider_title_idx"),
            models.Index(fields=["course_type"], name="course_type_idx"),
            models.Index(fields=["sector"], name="course_sector_idx"),
            models.Index(fields=["level"], name="course_level_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class CourseRun(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="runs")
    # The provider's own code for this run; with the course, the key a CSV upload matches on.
    provider_reference = models.CharField(max_length=50, blank=True, validators=[reference_validator])
    delivery_mode = models.CharField(max_length=20, choices=codes.DeliveryMode.choices)
    # Classroom and blended runs: where. Work-based runs: national, or the regions in RunRegion.
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="runs")
    national = models.BooleanField("available in all of England", default=False)
    study_mode = models.CharField(max_length=20, choices=codes.StudyMode.choices)
    attendance = models.CharField(max_length=30, choices=codes.Attendance.choices)
    # A start date, or none for a course people can start whenever they are ready.
    start_date = models.DateField(null=True, blank=True)
    flexible_start = models.BooleanField(default=False)
    duration = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(999)])
    duration_unit = models.CharField(max_length=10, choices=codes.DurationUnit.choices)
    # In pounds; none when the provider gives the cost only in words (cost_description).
    cost = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    cost_description = models.CharField(max_length=500, blank=True)
    website = models.URLField("course run web page", max_length=300, blank=True)
    generated = models.BooleanField(default=False)
    # Set when an editor removed the run (or its course): saved links then say it is no longer available.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "provider_reference"],
                condition=~Q(provider_reference=""),
                name="run_reference_unique_per_course",
            ),
            models.CheckConstraint(
                condition=Q(flexible_start=True, start_date__isnull=True)
                | Q(flexible_start=False, start_date__isnull=False),
                name="run_start_date_or_flexible",
            ),
            models.CheckConstraint(
                condition=Q(delivery_mode__in=["classroom", "blended"], venue__isnull=False, national=False)
                | Q(delivery_mode="work_based", venue__isnull=True)
                | Q(delivery_mode="online", venue__isnull=True, national=False),
                name="run_place_matches_delivery_mode",
            ),
            models.CheckConstraint(condition=Q(cost__isnull=True) | Q(cost__gte=0), name="run_cost_not_negative"),
        ]
        indexes = [
            models.Index(fields=["course", "start_date"], name="run_course_start_idx"),
            models.Index(fields=["venue", "start_date"], name="run_venue_start_idx"),
            models.Index(fields=["start_date"], name="run_start_idx"),
            models.Index(fields=["delivery_mode", "start_date"], name="run_mode_start_idx"),
            models.Index(fields=["study_mode"], name="run_study_mode_idx"),
            models.Index(fields=["attendance"], name="run_attendance_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.course_id} run {self.pk}"


class RunRegion(models.Model):
    """One of the regions a work-based run is offered in (none when it is national)."""

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="region_links")
    area = models.PositiveSmallIntegerField(choices=Area.choices)

    class Meta:
        ordering = ["area"]
        constraints = [models.UniqueConstraint(fields=["run", "area"], name="run_region_unique")]
        indexes = [models.Index(fields=["area", "run"], name="run_region_area_idx")]

    def __str__(self) -> str:
        return f"{self.run_id}: {self.get_area_display()}"
