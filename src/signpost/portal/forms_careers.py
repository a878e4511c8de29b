"""The "describe what you enjoy" form (careers/embeddings.py). Sent by POST, so what someone writes
about themselves stays out of addresses, browser history and the server's access logs."""

from __future__ import annotations

from django import forms

from signpost.careers.embeddings import DESCRIPTION_LENGTH


class DescribeForm(forms.Form):
    description = forms.CharField(
        label="Describe what you enjoy doing",
        help_text="For example, what you like doing in your spare time, at school or at work, and what you are good at",
        max_length=DESCRIPTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter a description of what you enjoy doing",
            "max_length": f"Description must be {DESCRIPTION_LENGTH} characters or fewer",
        },
    )

    def clean_description(self) -> str:
        # Line breaks and runs of spaces say nothing to the search.
        return " ".join(str(self.cleaned_data["description"]).split())
