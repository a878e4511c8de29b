"""Forms of the public skills assessment and skills check (views_assessments)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from signpost.assessments import codes, instrument, narrowing, skills_check
from signpost.customers import rules as customer_rules


def _radio_field(label: str, choices: Any, message: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[(str(value), text) for value, text in choices],
        widget=forms.RadioSelect,
        error_messages={"required": message},
        help_text=help_text,
    )


class StatementsForm(forms.Form):
    """One page of statements, each a group of five radios with the statement as its legend."""

    def __init__(self, *args: Any, statements: tuple[instrument.Statement, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.statements = statements
        for statement in statements:
            self.fields[statement.code] = _radio_field(
                statement.text,
                instrument.SCALE,
                f"Select how much you agree with: {statement.text}",
            )

    def answered(self) -> dict[str, int]:
        """What was chosen, valid or not complete: "save and come back later" keeps these."""
        chosen = {}
        for statement in self.statements:
            value = self.data.get(self.add_prefix(statement.code), "")
            if value.isdigit() and int(value) in instrument.SCALE_VALUES:
                chosen[statement.code] = int(value)
        return chosen


class SkillsCheckForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for area in skills_check.AREAS:
            self.fields[area.code] = _radio_field(
                area.question,
                skills_check.SCALE,
                f"Select how confident you are: {area.name.lower()}",
                help_text=area.hint,
            )

    def answered(self) -> dict[str, int]:
        chosen = {}
        for area in skills_check.AREAS:
            value = self.data.get(self.add_prefix(area.code), "")
            if value.isdigit() and int(value) in skills_check.SCALE_VALUES:
                chosen[area.code] = int(value)
        return chosen


class ReferenceCodeForm(forms.Form):
    code = forms.CharField(
        label="Reference code",
        help_text="8 letters and numbers, like ABCD 2345",
        max_length=20,
        error_messages={"required": "Enter your reference code"},
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if codes.normalise(code) is None:
            raise ValidationError("Enter a reference code of 8 letters and numbers, like ABCD 2345")
        return str(code)


class SendCodeForm(forms.Form):
    # Which button was pressed: each way has its own small form on the page.
    method = forms.ChoiceField(
        choices=[("email", "By email"), ("sms", "By text message")],
        widget=forms.HiddenInput,
        error_messages={"required": "Choose to send the code by email or by text message"},
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    mobile = forms.CharField(label="UK mobile number", required=False, max_length=30)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        method = cleaned.get("method")
        if method == "email" and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter your email address")
        if method == "sms":
            mobile = (cleaned.get("mobile") or "").strip()
            if not mobile:
                self.add_error("mobile", "Enter your UK mobile number")
            else:
                try:
                    customer_rules.parse_phone(mobile, mobile=True)
                except ValidationError as error:
                    self.add_error("mobile", error.messages[0])
        return cleaned


class NarrowingForm(forms.Form):
    """Yes or no to each skills question of one job category."""

    def __init__(self, *args: Any, questions: list[narrowing.SkillQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for index, question in enumerate(questions):
            self.fields[f"q{index}"] = _radio_field(
                question.text, [("yes", "Yes"), ("no", "No")], f"Select yes or no: {question.text}"
            )

    def answers(self) -> dict[str, bool]:
        return {
            question.skill: self.cleaned_data[f"q{index}"] == "yes" for index, question in enumerate(self.questions)
        }
