"""Upload checks that stay flat in memory: the size words in the message, the scan across pieces,
and the size limit read from the environment."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from signpost.core import uploads
from signpost.core.tests.support import clean_env, run_python


@pytest.mark.parametrize(
    ("size", "words"),
    [(1024**3, "1GB"), (50 * 1024**2, "50MB"), (int(1.5 * 1024**2), "1.5MB"), (2048, "2KB"), (500, "500 bytes")],
)
def test_the_limit_is_said_as_gov_uk_messages_say_sizes(size, words):
    assert uploads.size_in_words(size) == words
    with pytest.raises(ValidationError, match=f"The selected file must be smaller than {words}."):
        uploads.check_upload(io.BytesIO(b"a,b\n"), size=size + 1, allowed=[uploads.CSV], max_bytes=size)


@pytest.mark.parametrize(
    "offset", [0, 1000, uploads.SignatureScanner.chunk_size - 10, 3 * uploads.SignatureScanner.chunk_size]
)
def test_the_test_virus_is_found_wherever_it_falls_between_the_pieces_read(offset):
    content = io.BytesIO(b"x" * offset + uploads.EICAR + b"y" * 100)
    assert uploads.SignatureScanner().is_clean(content) is False
    assert content.tell() == 0
    assert uploads.SignatureScanner().is_clean(io.BytesIO(b"x" * (offset + 200))) is True


def test_the_course_upload_limit_comes_from_the_environment(tmp_path):
    script = "import django; django.setup()\nfrom django.conf import settings\nprint(settings.COURSE_UPLOAD_MAX_BYTES)"
    default = run_python(script, clean_env(tmp_path))
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip().splitlines()[-1] == str(1024**3)
    chosen = run_python(script, clean_env(tmp_path, SIGNPOST_COURSE_UPLOAD_MAX_MB="2048"))
    assert chosen.stdout.strip().splitlines()[-1] == str(2 * 1024**3)
    wrong = run_python(script, clean_env(tmp_path, SIGNPOST_COURSE_UPLOAD_MAX_MB="a lot"))
    assert wrong.returncode != 0
