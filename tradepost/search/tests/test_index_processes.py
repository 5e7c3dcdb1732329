"""The on-disk index: web processes read while another process writes; deletions really delete."""

import subprocess
import sys
import textwrap
import threading

import pytest

from tradepost.search import index, schema
from tradepost.search.selectors import SearchParams, search

WRITER = textwrap.dedent(
    """
    import sys, django, tantivy
    django.setup()
    from tradepost.search import index, schema

    start, count, batches = map(int, sys.argv[1:4])
    for b in range(batches):
        with index.writer() as writer:
            for pk in range(start + b * count, start + (b + 1) * count):
                doc = tantivy.Document()
                doc.add_integer(schema.ID, pk)
                doc.add_integer(schema.STORE, 7)
                doc.add_text(schema.text_field("en"), f"widget number {pk}")
                writer.add_document(doc)
    """
)


@pytest.fixture
def disk_index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = str(tmp_path)
    index.forget_readers()
    yield tmp_path
    index.forget_readers()


def _write_in_another_process(folder, start, count, batches=1):
    env = {"DJANGO_SETTINGS_MODULE": "tradepost.settings", "SEARCH_INDEX_DIR": str(folder)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(start), str(count), str(batches)],
        env={**_base_env(), **env},
    )


def _base_env():
    import os

    return {k: v for k, v in os.environ.items() if k != "SEARCH_INDEX_DIR"}


def _count():
    return search(SearchParams(facets=False)).total


def test_a_reader_sees_each_commit_of_a_writer_in_another_process(disk_index):
    assert _count() == 0  # this process opens its reader on the empty index

    assert _write_in_another_process(disk_index, 1, 50).wait(timeout=60) == 0

    assert _count() == 50
    assert _write_in_another_process(disk_index, 51, 25).wait(timeout=60) == 0
    assert _count() == 75


def test_readers_never_see_a_broken_index_while_two_writers_take_turns(disk_index):
    seen, errors, done = [], [], threading.Event()

    def read():
        while not done.is_set():
            try:
                seen.append(_count())
            except Exception as exc:  # noqa: BLE001 - any failure is what the test looks for
                errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    writers = [
        _write_in_another_process(disk_index, 1, 100, batches=5),
        _write_in_another_process(disk_index, 1001, 100, batches=5),
    ]
    codes = [w.wait(timeout=120) for w in writers]
    done.set()
    reader.join()

    assert codes == [0, 0]
    assert errors == []
    assert seen == sorted(seen)  # commits only ever add: counts never go back
    assert set(seen) <= set(range(0, 1001, 100))  # a reader sees whole commits only
    assert _count() == 1000


def test_deleting_by_the_signed_id_field_removes_the_document(disk_index):
    assert _write_in_another_process(disk_index, 1, 10).wait(timeout=60) == 0

    with index.writer() as writer:
        writer.delete_documents_by_term(schema.ID, 4)
        writer.delete_documents_by_term(schema.ID, 9)

    found = search(SearchParams(text="widget", facets=False, per_page=20))
    assert found.total == 8
    assert 4 not in found.ids and 9 not in found.ids
