"""Job profile search on a few profiles: what is matched, in which order, and that the index follows
every write (the same cases run on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from signpost.careers import search
from signpost.careers.models import JobProfile, ProfileStatus
from signpost.careers.tests.builders import make_profile


@pytest.fixture
def profiles(db):
    make_profile("Vet", overview="Vets diagnose and treat sick or injured animals.", tasks=["perform operations"])
    make_profile("Veterinary nurse", overview="Veterinary nurses care for animals under a vet's direction.")
    make_profile("Nurse", overview="Nurses care for adults who are sick or injured.")
    make_profile("Dental nurse", overview="Dental nurses help dentists.", tasks=["sterilise instruments"])
    make_profile("Plumber", overview="Plumbers fit and service water systems and drainage.")
    make_profile("Software developer", overview="Software developers write and test computer code.")
    make_profile("Animator", overview="Animators make moving images for film and games.")
    make_profile("Animal care worker", overview="Animal care workers look after animals in kennels and rescue centres.")
    make_profile(
        "Large goods vehicle driver",
        overview="LGV drivers deliver goods across the country.",
        alternative_titles=["Lorry driver", "HGV driver"],
    )
    make_profile("Children's nurse", overview="Children's nurses care for young people.")
    make_profile("IT support technician", overview="IT support technicians fix computer problems.")
    make_profile("Zookeeper", overview="Zookeepers look after animals in zoos.", status=ProfileStatus.DRAFT)


def titles(query: str, **options) -> list[str]:
    return [hit.title for hit in search.search(query, **options).hits]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("vet", "Vet"),  # the exact title before "Veterinary nurse"
        ("VET", "Vet"),
        ("nurse", "Nurse"),
        ("nurses", "Nurse"),  # plural
        ("plumbing", "Plumber"),  # the field of work finds the person who does it
        ("plumer", "Plumber"),  # one letter missing
        ("sofware developer", "Software developer"),  # a slip in one of two words
        ("veterinery nurse", "Veterinary nurse"),
        ("coder", "Software developer"),  # an everyday name (SYNONYMS)
        ("lorry driver", "Large goods vehicle driver"),  # an alternative title
        ("working with animals", "Animal care worker"),  # "working with" says nothing about the job
        ("childrens nurse", "Children's nurse"),  # apostrophes need not be typed
        ("IT support", "IT support technician"),  # "it" is a word here, not a stop word
        ("sterilise instruments", "Dental nurse"),  # tasks are searched
        ("kennels", "Animal care worker"),  # the overview is searched
    ],
)
def test_the_best_match_comes_first(profiles, query, first):
    assert titles(query)[0] == first


def test_a_title_joined_only_by_its_stem_follows_profiles_that_use_the_word(profiles):
    found = titles("animals")
    # "Animator" shares the stem "anim" but is not about animals.
    assert found.index("Animal care worker") < found.index("Vet") < found.index("Animator")


def test_only_published_profiles_are_found(profiles):
    assert titles("zookeeper") == []
    assert "Zookeeper" not in titles("animals")


def test_a_working_copy_is_not_found_but_its_published_profile_is(profiles):
    published = JobProfile.objects.get(slug="plumber")
    JobProfile.objects.create(
        title="Plumber and gas fitter",
        slug="plumber",
        overview="A draft.",
        status=ProfileStatus.DRAFT,
        draft_of=published,
    )
    assert titles("plumber") == ["Plumber"]
    assert titles("gas fitter") == []


def test_the_index_follows_edits_and_deletions(profiles):
    plumber = JobProfile.objects.get(slug="plumber")
    plumber.title = "Heating engineer"
    plumber.overview = "Heating engineers fit boilers."
    plumber.save()
    assert titles("heating engineer") == ["Heating engineer"]
    assert "Heating engineer" not in titles("plumber")
    JobProfile.objects.filter(pk=plumber.pk).update(tasks=["bleed radiators"])
    assert titles("radiators") == ["Heating engineer"]
    plumber.delete()
    assert titles("heating engineer") == []


def test_a_corrected_word_is_reported_so_the_page_can_say_what_was_searched(profiles):
    assert search.search("veterinery nurse").understood == "veterinary nurse"
    assert search.search("nurse").understood == ""


def test_suggestions_read_the_last_word_as_unfinished(profiles):
    assert [hit.title for hit in search.suggestions("soft")] == ["Software developer"]
    assert {hit.title for hit in search.suggestions("anim")[:2]} == {"Animal care worker", "Animator"}
    assert search.suggestions("s") == []


@pytest.mark.parametrize("query", ["", "   ", "a", "?!", "the and of", "zzzzzz"])
def test_nothing_useful_typed_finds_nothing(profiles, query):
    assert titles(query) == []


@pytest.mark.parametrize("query", ['"vet', "vet*", "vet:A", "(vet", "vet)", "{vet}", "vet's", "!vet"])
def test_query_syntax_is_never_read_from_what_was_typed(profiles, query):
    # Only letters and digits reach either engine's query language; the rest splits words.
    assert titles(query)[0] == "Vet"
    assert search.suggestions(query)[0].title == "Vet"


def test_understand_leaves_out_filler_and_adds_everyday_names(profiles):
    concepts = search.understand("jobs working with lorry driver", search.vocabulary())
    assert [concept.typed for concept in concepts] == ["lorry driver"]
    assert search.Term(("large", "goods", "vehicle", "driver")) in concepts[0].terms
