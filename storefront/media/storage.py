"""Where derivative bytes live, behind one small interface (local disk now, object storage later).

Keys are content-hash names ("ab/ab12….webp", see `content_key`): the same bytes always get the
same key, so a stored file never changes, can be cached forever, and two uploads of one photo
share their files. Keys say nothing about URLs; the media blueprint maps them to /media/<key>.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

# Relative, slash-separated, lower-case names of letters, digits, "_" and "-", one extension:
# no "..", no absolute path, no backslash or NUL can get through.
KEY_PATTERN = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+)*(?:\.[a-z0-9]+)?")
MAX_KEY_LENGTH = 200
# The names content_key makes; the view serves nothing else.
CONTENT_KEY_PATTERN = re.compile(r"([0-9a-f]{2})/\1[0-9a-f]{62}\.webp")
TEMP_PREFIX = ".tmp-"


class InvalidKey(ValueError):
    """A key that could escape the storage root or that no key of ours looks like."""


def content_key(data: bytes, extension: str = "webp") -> str:
    digest = hashlib.sha256(data).hexdigest()
    return f"{digest[:2]}/{digest}.{extension}"


def validate_key(key: str) -> str:
    if not isinstance(key, str) or len(key) > MAX_KEY_LENGTH or not KEY_PATTERN.fullmatch(key):
        raise InvalidKey(f"invalid storage key: {key!r:.80}")
    return key


def is_content_key(key: str) -> bool:
    return isinstance(key, str) and CONTENT_KEY_PATTERN.fullmatch(key) is not None


@runtime_checkable
class Storage(Protocol):
    """What the media services need from a store. Every method validates its key first."""

    def save(self, key: str, data: bytes, content_type: str) -> bool:
        """Store `data` under `key` atomically; True if the key was new. Saving an existing key
        refreshes its modification time (prune's grace period counts from there)."""

    def open(self, key: str) -> BinaryIO:
        """A readable binary file; FileNotFoundError when the key is not stored."""

    def read(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> bool:
        """Remove the key; False if it was not there (deleting twice is fine)."""

    def iter_keys(self) -> Iterator[str]:
        """Every stored key (in no particular order), never a half-written file."""

    def modified_at(self, key: str) -> datetime:
        """When the key was last saved, naive UTC like the rest of the app."""

    def size(self, key: str) -> int:
        """Bytes stored under the key; FileNotFoundError when it is not stored."""


class LocalStorage:
    """Files under `root`, one folder per first two hex digits so no folder grows too large."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"LocalStorage({str(self.root)!r})"

    def path(self, key: str) -> Path:
        return self.root.joinpath(*validate_key(key).split("/"))

    def save(self, key: str, data: bytes, content_type: str) -> bool:
        target = self.path(key)
        if target.is_file():
            os.utime(target)  # same name, same bytes: only tell prune it is in use again
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target and rename: readers see the old state or the whole new file.
        fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as temp:
                temp.write(data)
                temp.flush()
                os.fsync(temp.fileno())
            os.chmod(temp_name, 0o644)  # mkstemp makes 0600; a web server may serve the folder
            os.replace(temp_name, target)
        except BaseException:
            try:
                os.unlink(temp_name)
            except FileNotFoundError:
                pass
            raise
        return True

    def open(self, key: str) -> BinaryIO:
        return self.path(key).open("rb")

    def read(self, key: str) -> bytes:
        return self.path(key).read_bytes()

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def delete(self, key: str) -> bool:
        try:
            self.path(key).unlink()
        except FileNotFoundError:
            return False
        return True

    def iter_keys(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = [name for name in dirs if not name.startswith(".")]
            relative = Path(folder).relative_to(self.root).as_posix()
            for name in files:
                key = name if relative == "." else f"{relative}/{name}"
                if not name.startswith(".") and KEY_PATTERN.fullmatch(key) and len(key) <= MAX_KEY_LENGTH:
                    yield key

    def size(self, key: str) -> int:
        return self.path(key).stat().st_size

    def modified_at(self, key: str) -> datetime:
        stamp = self.path(key).stat().st_mtime
        return datetime.fromtimestamp(stamp, UTC).replace(tzinfo=None)


def get_storage(app) -> Storage:
    """The app's storage (one object per app, built from MEDIA_ROOT on first use)."""
    storage = app.extensions.get("etalase_media_storage")
    if storage is None:
        storage = app.extensions["etalase_media_storage"] = LocalStorage(app.config["MEDIA_ROOT"])
    return storage
