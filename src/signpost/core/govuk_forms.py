"""Turn Django bound fields into parameters for the GOV.UK Frontend macros.

Templates pick the component (govukInput, govukRadios, ...) and pass ``govuk_field(form.x)``;
this keeps labels, hints, values and error messages consistent, and keeps typed values on error.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def has_errors(*forms_: forms.BaseForm | None) -> bool:
    return any(form is not None and form.errors for form in forms_)


def _widget_id(bound_field: forms.BoundField) -> str:
    # GOV.UK radios and checkboxes give the first option the group's id, so links land there.
    if isinstance(bound_field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.CheckboxInput)):
        return str(bound_field.auto_id or bound_field.html_name)
    return str(bound_field.id_for_label or bound_field.auto_id or bound_field.html_name)


def field_params(
    bound_field: forms.BoundField, *, label_as_page_heading: bool = False, **overrides: Any
) -> dict[str, Any]:
    field = bound_field.field
    widget = field.widget
    params: dict[str, Any] = {"id": _widget_id(bound_field), "name": bound_field.html_name}
    if bound_field.help_text:
        params["hint"] = {"text": str(bound_field.help_text)}
    if bound_field.errors:
        params["errorMessage"] = {"text": " ".join(str(error) for error in bound_field.errors)}

    label: dict[str, Any] = {"text": str(bound_field.label)}
    if label_as_page_heading:
        label.update({"isPageHeading": True, "classes": "govuk-label--l"})

    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        selected = bound_field.value()
        selected_values = {str(v) for v in selected} if isinstance(selected, (list, tuple)) else {str(selected)}
        params["idPrefix"] = params.pop("id")
        legend: dict[str, Any] = {"text": label["text"], "classes": "govuk-fieldset__legend--m"}
        if label_as_page_heading:
            legend.update({"isPageHeading": True, "classes": "govuk-fieldset__legend--l"})
        params["fieldset"] = {"legend": legend}
        params["items"] = [
            {"value": str(value), "text": str(text), "checked": str(value) in selected_values}
            for value, text in field.choices  # type: ignore[attr-defined]
            if str(value) != ""
        ]
    elif isinstance(widget, forms.Select):
        current = "" if bound_field.value() is None else str(bound_field.value())
        params["label"] = label
        params["items"] = [
            {"value": str(value), "text": str(text), "selected": str(value) == current}
            for value, text in field.choices  # type: ignore[attr-defined]
        ]
    elif isinstance(widget, forms.CheckboxInput):
        params["items"] = [{"value": "on", "text": label["text"], "checked": bool(bound_field.value())}]
        params["idPrefix"] = params.pop("id")
    else:
        params["label"] = label
        if not isinstance(widget, forms.PasswordInput):
            value = bound_field.value()
            params["value"] = "" if value is None else str(value)
        if isinstance(widget, forms.PasswordInput):
            params["type"] = "password"
        elif isinstance(widget, forms.EmailInput):
            params["type"] = "email"
            params["spellcheck"] = False
    params.update(overrides)
    return params


def error_summary_params(*forms_: forms.BaseForm | None) -> dict[str, Any]:
    """The GOV.UK error summary: every error, each linking to its field."""
    error_list: list[dict[str, str]] = []
    for form in forms_:
        if form is None:
            continue
        for error in form.non_field_errors():
            error_list.append({"text": str(error), "href": "#main-content"})
        for name, errors in form.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            bound_field = form[name]
            href = "#" + _widget_id(bound_field)
            for error in errors:
                error_list.append({"text": str(error), "href": href})
    return {"titleText": "There is a problem", "errorList": error_list}


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes, named ``<name>-day`` and so on as the GOV.UK date input does."""

    def __init__(self) -> None:
        super().__init__(widgets={"day": forms.TextInput(), "month": forms.TextInput(), "year": forms.TextInput()})
        self.widgets_names = ["-day", "-month", "-year"]

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date from the GOV.UK date input, with the design system's wording for each mistake."""

    widget = DateInputWidget

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        self.subject = label
        parts = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(
            fields=parts,
            require_all_fields=False,
            label=label,
            error_messages={"required": f"Enter the {label.lower()}", "incomplete": f"Enter the {label.lower()}"},
            **kwargs,
        )

    def compress(self, data_list: list[str]) -> datetime.date | None:
        day, month, year = ((part or "").strip() for part in (data_list or ["", "", ""]))
        if not (day or month or year):
            return None
        missing = [name for name, value in (("day", day), ("month", month), ("year", year)) if not value]
        if missing:
            raise ValidationError(f"{self.subject} must include a {' and a '.join(missing)}", code="incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"{self.subject} must be a real date, like 27 3 2007", code="invalid")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.subject} must be a real date, like 27 3 2007", code="invalid") from None


def date_input_params(bound_field: forms.BoundField, **overrides: Any) -> dict[str, Any]:
    """Parameters for govukDateInput from a GovukDateField, keeping what was typed."""
    value = bound_field.value()
    if isinstance(value, datetime.date):
        value = bound_field.field.widget.decompress(value)
    parts = list(value) if isinstance(value, (list, tuple)) else [None, None, None]
    name = bound_field.html_name
    error = " ".join(str(message) for message in bound_field.errors)
    widths = {"day": 2, "month": 2, "year": 4}
    items = [
        {
            "id": f"{bound_field.auto_id}-{part}",
            "name": f"{name}-{part}",
            "label": part.capitalize(),
            "value": parts[index] or "",
            "classes": f"govuk-input--width-{widths[part]}" + (" govuk-input--error" if error else ""),
            "inputmode": "numeric",
        }
        for index, part in enumerate(("day", "month", "year"))
    ]
    params: dict[str, Any] = {
        "id": bound_field.auto_id,
        "items": items,
        "fieldset": {"legend": {"text": str(bound_field.label), "classes": "govuk-fieldset__legend--s"}},
    }
    if bound_field.help_text:
        params["hint"] = {"text": str(bound_field.help_text)}
    if error:
        params["errorMessage"] = {"text": error}
    params.update(overrides)
    return params
