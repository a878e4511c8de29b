"""Background work of careers information."""

from __future__ import annotations

from django_tasks import task


@task()
def embed_job_profile(profile_id: int) -> int:
    """Embed one profile again after it was published (the describe search, embeddings.py); returns
    how many vectors were made (0 when its text had not changed or the search is off)."""
    from signpost.careers import embeddings

    if not embeddings.available():
        return 0
    return embeddings.embed_profiles(profile_ids=[profile_id]).embedded
