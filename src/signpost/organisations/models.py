"""Organisations that deliver the service, and the partners they refer people to."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q


class Area(models.IntegerChoices):
    """The nine English contract areas; the code is the suffix of the area prime's touchpoint id."""

    EAST_OF_ENGLAND = 101, "East of England and Buckinghamshire"
    EAST_MIDLANDS = 102, "East Midlands and Northamptonshire"
    LONDON = 103, "London"
    WEST_MIDLANDS = 104, "West Midlands"
    NORTH_WEST = 105, "North West"
    NORTH_EAST = 106, "North East and Cumbria"
    SOUTH_EAST = 107, "South East"
    SOUTH_WEST = 108, "South West"
    YORKSHIRE_AND_HUMBER = 109, "Yorkshire and Humber"


NATIONAL_CONTACT_CENTRE_TOUCHPOINT = "0000000999"

touchpoint_validator = RegexValidator(r"^\d{10}$", "Enter a touchpoint ID of exactly 10 digits, like 0000000101")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        NATIONAL_CONTACT_CENTRE = "national", "National contact centre"
        PRIME_CONTRACTOR = "prime", "Area prime contractor"
        SUBCONTRACTOR = "subcontractor", "Subcontractor"
        PARTNER = "partner", "Partner organisation"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    touchpoint_id = models.CharField(
        "touchpoint ID", max_length=10, unique=True, null=True, blank=True, validators=[touchpoint_validator]
    )
    area = models.PositiveSmallIntegerField(choices=Area.choices, null=True, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="subcontractors"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        permissions = [("manage_organisations", "Can create and change organisations")]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="organisation_name_unique"),
            models.CheckConstraint(
                condition=~Q(kind="prime") | Q(area__isnull=False), name="prime_has_area"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def delivers_service(self) -> bool:
        """Partners are a referral directory; only delivering organisations employ staff."""
        return self.kind != self.Kind.PARTNER

    @property
    def has_national_scope(self) -> bool:
        return self.kind == self.Kind.NATIONAL_CONTACT_CENTRE


class Venue(models.Model):
    """A place where an organisation holds face-to-face sessions. Coordinates, local authority and
    area come from the postcode (signpost.core.geography) when the venue is saved by its service."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="venues")
    name = models.CharField(max_length=200)
    line_1 = models.CharField("address line 1", max_length=100)
    line_2 = models.CharField("address line 2", max_length=100, blank=True)
    town = models.CharField("town or city", max_length=100)
    postcode = models.CharField(max_length=8)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    local_authority = models.CharField(max_length=9, blank=True)
    area = models.PositiveSmallIntegerField(choices=Area.choices, null=True, blank=True)
    accessibility = models.TextField("accessibility information", blank=True, max_length=2000)
    # Group rooms: how many people a session here can hold (None: not recorded).
    capacity = models.PositiveSmallIntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        permissions = [("manage_venues", "Can add and change their organisation's venues")]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="venue_name_unique_per_organisation")
        ]
        indexes = [models.Index(fields=["area", "is_active"], name="venue_area_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.line_1, self.line_2, self.town, self.postcode) if line]
