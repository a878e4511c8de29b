from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Invitation links: single use (setting a password changes the hash) and time-limited."""

    key_salt = "signpost.accounts.invitation"


invitation_tokens = InvitationTokenGenerator()
