"""LocalStorage (atomic writes, key validation) and the services' all-or-nothing guarantees."""
from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from storefront.extensions import db
from storefront.media import services
from storefront.media.models import MediaDerivative, MediaImage
from storefront.media.storage import InvalidKey, LocalStorage, Storage, content_key, get_storage, is_content_key
from tests.media.conftest import as_upload, counts

KEY = content_key(b"some bytes")
BAD_KEYS = ["../etc/passwd", "ab/../../etc/passwd", "/etc/passwd", "ab//cd.webp", "ab\\cd.webp", "a\x00b.webp",
            "", ".", "..", "ab/.hidden", "AB/CD.webp", "ab/c d.webp", "ab/cd.webp/", "x" * 201, "ab/cd..webp"]


def test_content_keys_are_sha256_names_in_two_letter_folders():
    assert KEY.startswith(KEY[3:5] + "/") and KEY.endswith(".webp") and len(KEY) == 2 + 1 + 64 + 5
    assert content_key(b"some bytes") == KEY and content_key(b"other bytes") != KEY
    assert is_content_key(KEY) and not is_content_key("ab/" + "0" * 64 + ".webp")


def test_save_read_exists_delete_and_iterate(tmp_path):
    storage = LocalStorage(tmp_path / "media")
    assert isinstance(storage, Storage)
    assert list(storage.iter_keys()) == [] and not storage.exists(KEY)
    assert storage.save(KEY, b"some bytes", "image/webp") is True
    assert storage.save(KEY, b"some bytes", "image/webp") is False  # already there
    assert storage.exists(KEY) and storage.read(KEY) == b"some bytes"
    with storage.open(KEY) as handle:
        assert handle.read() == b"some bytes"
    assert list(storage.iter_keys()) == [KEY]
    assert oct((tmp_path / "media" / KEY).stat().st_mode & 0o777) == oct(0o644)
    assert storage.delete(KEY) is True and storage.delete(KEY) is False
    assert list(storage.iter_keys()) == []
    with pytest.raises(FileNotFoundError):
        storage.read(KEY)


@pytest.mark.parametrize("key", BAD_KEYS)
def test_keys_that_could_escape_the_root_are_refused(tmp_path, key):
    storage = LocalStorage(tmp_path / "media")
    for call in (lambda: storage.save(key, b"x", "image/webp"), lambda: storage.read(key),
                 lambda: storage.exists(key), lambda: storage.delete(key), lambda: storage.open(key)):
        with pytest.raises(InvalidKey):
            call()
    assert not any(tmp_path.rglob("passwd"))


def test_a_failed_write_leaves_neither_the_file_nor_a_temporary(tmp_path, monkeypatch):
    storage = LocalStorage(tmp_path / "media")

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        storage.save(KEY, b"some bytes", "image/webp")
    assert not storage.exists(KEY)
    assert [p for p in (tmp_path / "media").rglob("*") if p.is_file()] == []


def test_readers_never_see_a_partial_file(tmp_path, monkeypatch):
    """The bytes go to a temporary name first; the key appears only by rename, complete."""
    storage = LocalStorage(tmp_path / "media")
    seen = []
    real_replace = os.replace

    def replace(source, target):
        with open(source, "rb") as temporary:
            seen.append((os.path.basename(source), storage.exists(KEY), temporary.read()))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    storage.save(KEY, b"some bytes", "image/webp")
    (temp_name, visible_before_rename, content), = seen
    assert temp_name.startswith(".tmp-") and not visible_before_rename and content == b"some bytes"
    assert list(storage.iter_keys()) == [KEY]


def test_iter_keys_skips_temporaries_and_foreign_files(tmp_path):
    storage = LocalStorage(tmp_path)
    storage.save(KEY, b"some bytes", "image/webp")
    (tmp_path / KEY[:2] / ".tmp-abc").write_bytes(b"half")
    (tmp_path / "README TXT").write_bytes(b"x")
    assert list(storage.iter_keys()) == [KEY]


def test_get_storage_reads_media_root_once_per_app(app):
    storage = get_storage(app)
    assert isinstance(storage, LocalStorage) and str(storage.root) == app.config["MEDIA_ROOT"]
    assert get_storage(app) is storage


# --- services: nothing half-saved ------------------------------------------------------------------

class FailingStorage(LocalStorage):
    """Fails on the n-th save, like a disk that fills up mid-upload."""

    def __init__(self, root, fail_on: int):
        super().__init__(root)
        self.saves, self.fail_on = 0, fail_on

    def save(self, key, data, content_type):
        self.saves += 1
        if self.saves == self.fail_on:
            raise OSError(28, "No space left on device")
        return super().save(key, data, content_type)


def test_a_storage_failure_removes_the_files_already_written(app, corpus, seller):
    storage = FailingStorage(app.config["MEDIA_ROOT"], fail_on=3)
    with app.app_context(), pytest.raises(OSError):
        services.store_upload(as_upload(corpus["phone_jpeg"].read_bytes()), owner=seller, storage=storage)
    assert storage.saves == 3
    assert counts(app, storage) == (0, 0, 0)


def test_a_database_failure_removes_the_files_written(app, corpus, seller, storage):
    class Ghost:
        id = 999_999  # no such user: the foreign key fails at flush

    with app.app_context():
        with pytest.raises(sa.exc.IntegrityError):
            services.store_upload(as_upload(corpus["cmyk_jpeg"].read_bytes()), owner=Ghost())
        db.session.rollback()
    assert counts(app, storage) == (0, 0, 0)


def test_files_shared_with_an_existing_image_survive_a_failed_upload(app, corpus, seller, storage):
    data = corpus["cmyk_jpeg"].read_bytes()
    with app.app_context():
        services.store_upload(as_upload(data), owner=seller)
        db.session.commit()
    failing = FailingStorage(app.config["MEDIA_ROOT"], fail_on=2)
    with app.app_context(), pytest.raises(OSError):
        services.store_upload(as_upload(data), owner=seller, storage=failing)
    assert counts(app, storage) == (1, 2, 2)


def store(app, seller, data) -> int:
    with app.app_context():
        image = services.store_upload(as_upload(data), owner=seller)
        db.session.commit()
        return image.id


def test_delete_image_removes_rows_now_and_files_after_commit(app, corpus, seller, storage):
    image_id = store(app, seller, corpus["jpeg_with_icc"].read_bytes())
    with app.app_context():
        doomed = services.delete_image(db.session.get(MediaImage, image_id))
        assert len(doomed) == 3
        assert all(storage.exists(key) for key in doomed)  # not before the commit
        db.session.commit()
    assert counts(app, storage) == (0, 0, 0)


def test_a_rolled_back_delete_keeps_its_files(app, corpus, seller, storage):
    image_id = store(app, seller, corpus["jpeg_with_icc"].read_bytes())
    with app.app_context():
        services.delete_image(db.session.get(MediaImage, image_id))
        db.session.rollback()
        db.session.commit()  # a later commit must not delete the files of the undone deletion
    assert counts(app, storage) == (1, 3, 3)


def test_deleting_one_of_two_identical_uploads_keeps_the_shared_files(app, corpus, seller, storage):
    data = corpus["jpeg_with_icc"].read_bytes()
    first, _second = store(app, seller, data), store(app, seller, data)
    with app.app_context():
        assert services.delete_image(db.session.get(MediaImage, first)) == []
        db.session.commit()
    assert counts(app, storage) == (1, 3, 3)


def test_prune_removes_only_unreferenced_files_and_is_idempotent(app, corpus, seller, storage):
    store(app, seller, corpus["cmyk_jpeg"].read_bytes())
    with app.app_context():  # an upload whose transaction was rolled back leaves its files
        services.store_upload(as_upload(corpus["heic"].read_bytes()), owner=seller)
        db.session.rollback()
    orphan = content_key(b"left over")
    storage.save(orphan, b"left over", "image/webp")
    kept = set(storage.iter_keys())
    with app.app_context():
        referenced = set(db.session.scalars(sa.select(MediaDerivative.key)))
        assert services.prune_orphans(storage, db.session) == []  # all younger than the grace period
        removed = services.prune_orphans(storage, db.session, grace=timedelta(0))
        assert services.prune_orphans(storage, db.session, grace=timedelta(0)) == []
    assert orphan in removed and set(removed) == kept - referenced and len(removed) == 3
    assert set(storage.iter_keys()) == referenced
    assert counts(app, storage) == (1, 2, 2)


def test_prune_grace_counts_from_the_last_save(app, seller, storage):
    old = content_key(b"old")
    storage.save(old, b"old", "image/webp")
    past = time.time() - 2 * 3600
    os.utime(storage.path(old), (past, past))
    with app.app_context():
        assert services.prune_orphans(storage, db.session, dry_run=True) == [old]
        storage.save(old, b"old", "image/webp")  # saved again (an upload in flight): young again
        assert services.prune_orphans(storage, db.session) == []
    assert storage.exists(old)


def test_prune_command(app, seller, storage):
    orphan = content_key(b"left over")
    storage.save(orphan, b"left over", "image/webp")
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["media", "prune", "--grace-minutes", "0", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert orphan in dry.output and "1 berkas" in dry.output and storage.exists(orphan)
    result = runner.invoke(args=["media", "prune", "--grace-minutes", "0"])
    assert result.exit_code == 0 and orphan in result.output and not storage.exists(orphan)
    again = runner.invoke(args=["media", "prune"])
    assert again.exit_code == 0 and "0 berkas" in again.output
