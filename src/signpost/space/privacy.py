"""The online space's entries in the personal data register (signpost.core.privacy).

On anonymisation the link between the account and the record goes (the account is the person's
own, and stays theirs), link requests go (they only matter for an hour or a day), and invitations
lose the address they were sent to but keep when they were sent and accepted, for statistics.
"""

from __future__ import annotations

from signpost.core.privacy import PersonalData, delete_rows, register, replace_values


def register_space() -> None:
    register(
        PersonalData(
            model="space.AccountLink",
            customer_path="customer",
            title="Your online account",
            fields=[("user__email", "Online account"), "method", "linked_at"],
            erase=delete_rows,
        )
    )
    register(
        PersonalData(
            model="space.LinkRequest",
            customer_path="customer",
            title="Requests to link your online account",
            fields=["created_at", "channel", "code_sent_at", "codes_sent", "failed_attempts", "completed_at"],
            ordering=["created_at", "id"],
            erase=delete_rows,
        )
    )
    register(
        PersonalData(
            model="space.AccountInvitation",
            customer_path="customer",
            title="Invitations to create an online account",
            fields=["email", "invited_at", "expires_at", "withdrawn_at", "accepted_at"],
            ordering=["invited_at", "id"],
            erase=replace_values(email="", nonce=""),
        )
    )
