"""Checks on every file people upload (quality.md, uploads): a size limit, the type read from the
file's content (never its name or the browser's word for it), and a virus scan before anyone can
download it.

The scanner is chosen by ``settings.ANTIVIRUS_SCANNER``: ``clamav`` talks to a ClamAV daemon
(``clamd``) over its INSTREAM protocol at ``settings.CLAMAV_ADDRESS``; ``signature`` is the
scanner the tests and the embedded default use, which finds only the EICAR test file, so the
"infected" path can be exercised without a real virus or a ClamAV install.
"""

from __future__ import annotations

import socket
import struct
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

# Signatures at the start of the file, by the type they prove.
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV = "text/csv"
_ODT = "application/vnd.oasis.opendocument.text"
DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    _DOCX: "Word document",
    _ODT: "OpenDocument text",
    CSV: "CSV file",
}
_HEAD = 2048


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int


def detect_type(file: IO[bytes]) -> str | None:
    """The type the content proves, or None. Word and OpenDocument files are zip archives: look
    inside for the part that makes them what they are."""
    file.seek(0)
    head = file.read(_HEAD)
    file.seek(0)
    for magic, content_type in _MAGIC:
        if head.startswith(magic):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return _DOCX
                if "mimetype" in names and archive.read("mimetype").strip() == _ODT.encode():
                    return _ODT
        except (zipfile.BadZipFile, KeyError, OSError):
            return None
        finally:
            file.seek(0)
        return None
    if _is_csv(head):
        return CSV
    return None


def _is_csv(head: bytes) -> bool:
    """Plain UTF-8 text with commas on its first line, not markup: no control bytes but tabs and
    line ends (a multi-byte character cut at the end of the sample is allowed)."""
    if not head or b"\0" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:
            return False
        text = head[: error.start].decode("utf-8")
    text = text.removeprefix("\ufeff")
    if text.lstrip().startswith("<") or "," not in text.split("\n", 1)[0]:
        return False
    return all(character >= " " or character in "\t\r\n" for character in text)


def size_in_words(size: int) -> str:
    """A size as GOV.UK error messages give it: 1GB, 50MB, 1.5MB, 2KB."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{round(size / scale, 1):g}{unit}"
    return f"{size} bytes"


def too_big_message(max_bytes: int) -> str:
    return f"The selected file must be smaller than {size_in_words(max_bytes)}."


def check_upload(file: IO[bytes], *, size: int, allowed: Iterable[str], max_bytes: int) -> CheckedUpload:
    """Refuse an empty or oversized file, or one whose content is not of an allowed type."""
    allowed = list(allowed)
    if size == 0:
        raise ValidationError("The selected file is empty.", code="empty")
    if size > max_bytes:
        raise ValidationError(too_big_message(max_bytes), code="too_big")
    content_type = detect_type(file)
    if content_type not in allowed:
        names = [DOCUMENT_TYPES.get(kind, kind) for kind in allowed]
        listed = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
        raise ValidationError(f"The selected file must be a {listed}.", code="wrong_type")
    return CheckedUpload(content_type=content_type, size=size)


# Virus scanning -------------------------------------------------------------------------------


class ScanFailed(RuntimeError):
    """The scanner could not give an answer (down, timed out, or an error)."""


class Scanner(Protocol):
    def is_clean(self, file: IO[bytes]) -> bool: ...


# The EICAR anti-virus test file: harmless, and recognised by every scanner as a "virus".
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class SignatureScanner:
    """Finds the EICAR test file and nothing else: for tests and the embedded default only."""

    chunk_size = 256 * 1024

    def is_clean(self, file: IO[bytes]) -> bool:
        # A piece at a time, keeping the end of the last piece, so a large file is never read whole.
        file.seek(0)
        tail = b""
        try:
            while chunk := file.read(self.chunk_size):
                if EICAR in tail + chunk:
                    return False
                tail = chunk[-len(EICAR) :]
            return True
        finally:
            file.seek(0)


class ClamAvScanner:
    """clamd's INSTREAM command: the file in chunks, each prefixed by its length, then a zero."""

    chunk_size = 64 * 1024

    def __init__(self, address: str, timeout: float = 30.0) -> None:
        host, _, port = address.rpartition(":")
        self.host, self.port, self.timeout = host or "127.0.0.1", int(port), timeout

    def is_clean(self, file: IO[bytes]) -> bool:
        file.seek(0)
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as connection:
                connection.sendall(b"zINSTREAM\0")
                while chunk := file.read(self.chunk_size):
                    connection.sendall(struct.pack("!L", len(chunk)) + chunk)
                connection.sendall(struct.pack("!L", 0))
                reply = b""
                while not reply.endswith(b"\0"):
                    part = connection.recv(4096)
                    if not part:
                        break
                    reply += part
        except OSError as error:
            raise ScanFailed(f"ClamAV could not be reached: {type(error).__name__}") from error
        finally:
            file.seek(0)
        answer = reply.rstrip(b"\0").decode("utf-8", "replace")
        if answer.endswith("OK"):
            return True
        if answer.endswith("FOUND"):
            return False
        raise ScanFailed(f"ClamAV answered {answer[-80:]!r}")


def scanner() -> Scanner:
    name = settings.ANTIVIRUS_SCANNER
    if name == "clamav":
        return ClamAvScanner(settings.CLAMAV_ADDRESS)
    if name == "signature":
        return SignatureScanner()
    raise ValueError(f"Unknown antivirus scanner {name!r}.")


# Receiving large files --------------------------------------------------------------------------


class SizeLimitHandler(FileUploadHandler):
    """Put first in a view's upload handlers (before TemporaryFileUploadHandler, which writes the
    file to disk as it arrives): counts each file's bytes and, past ``max_bytes``, stops keeping the
    file (its temporary copy is deleted) and notes ``too_big`` for the view to say so."""

    def __init__(self, request: Any, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_big = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.max_bytes:
            self.too_big = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
