"""Opening the index: readers in every web process, one writer at a time (the worker).

Readers reload when the index's meta.json changes (checked with one `stat` per search), so a
page never reads an older index than the one the writer last committed — the page cache relies
on that: the writer bumps the catalog version only after its commit. Writers hold an exclusive
file lock for the whole batch, so a rebuild and a flush never interleave.
"""

import contextlib
import fcntl
import functools
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import tantivy
from django.conf import settings

from tradepost.search import analysis, schema

WRITER_HEAP_BYTES = 64_000_000
# A rebuild flushes a segment each time the heap fills; with 64 MB a million listings became
# ten segments, and every search and facet count pays per segment. With 512 MB they are written
# as a few large segments that the merge policy joins (measured in bench/SEARCH.md).
REBUILD_HEAP_BYTES = 512_000_000
MEMORY = "memory"
MEMORY_WRITER_HEAP_BYTES = 15_000_000


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.index = _open(path)
        self.index.config_reader(reload_policy="Manual")
        self.stamp = _meta_stamp(path)
        self.lock = threading.Lock()

    def searcher(self) -> tantivy.Searcher:
        stamp = _meta_stamp(self.path)
        if stamp != self.stamp:
            with self.lock:
                if stamp != self.stamp:
                    self.index.reload()
                    self.stamp = stamp
        return self.index.searcher()


_readers: dict[Path, _Reader] = {}
_readers_lock = threading.Lock()


def directory() -> Path:
    """The current layout's folder inside SEARCH_INDEX_DIR (created on first use)."""
    return _directory(str(settings.SEARCH_INDEX_DIR))


@functools.lru_cache(maxsize=8)
def _directory(root: str) -> Path:
    # Every search asks for the folder: build the path and create it once per process.
    path = Path(root) / f"v{schema.SCHEMA_VERSION}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _open(path: Path) -> tantivy.Index:
    index = tantivy.Index(schema.SCHEMA, path=str(path), reuse=True)
    analysis.register(index)
    return index


def _meta_stamp(path: Path) -> tuple[int, int, int]:
    try:
        meta = os.stat(path / "meta.json")
    except FileNotFoundError:
        return (0, 0, 0)
    return (meta.st_ino, meta.st_mtime_ns, meta.st_size)  # replaced atomically: new inode


class _Memory:
    """SEARCH_INDEX_DIR = "memory": one index in this process's RAM, for tests (the live-server
    threads share it). Writes stay uncommitted until the next search, which commits and reloads
    first: a test that builds fifty listings pays for one commit, not fifty."""

    def __init__(self):
        self.index = tantivy.Index(schema.SCHEMA)
        analysis.register(self.index)
        self.lock = threading.Lock()
        self.writer = self.index.writer(heap_size=MEMORY_WRITER_HEAP_BYTES, num_threads=1)
        self.dirty = False

    def searcher(self) -> tantivy.Searcher:
        with self.lock:
            if self.dirty:
                self.writer.commit()
                self.index.reload()
                self.dirty = False
        return self.index.searcher()


_memory: _Memory | None = None


def in_memory() -> bool:
    return str(settings.SEARCH_INDEX_DIR) == MEMORY


def _memory_index() -> _Memory:
    global _memory  # noqa: PLW0603 - one per process, like the on-disk readers
    if _memory is None:
        with _readers_lock:
            _memory = _memory or _Memory()
    return _memory


def searcher() -> tantivy.Searcher:
    if in_memory():
        return _memory_index().searcher()
    path = directory()
    reader = _readers.get(path)
    if reader is None:
        with _readers_lock:
            reader = _readers.get(path) or _readers.setdefault(path, _Reader(path))
    return reader.searcher()


def forget_readers() -> None:
    """Drop this process's readers and in-memory index (tests start each from empty)."""
    global _memory  # noqa: PLW0603
    with _readers_lock:
        _readers.clear()
        _memory = None


@contextlib.contextmanager
def writer(heap_bytes: int = WRITER_HEAP_BYTES) -> Iterator[tantivy.IndexWriter]:
    """The only writer: commits when the block ends without an error, rolls back otherwise.

    A bigger heap writes fewer, larger segments (a rebuild: see REBUILD_HEAP_BYTES)."""
    if in_memory():
        memory = _memory_index()
        with memory.lock:
            memory.dirty = True
            yield memory.writer
        return
    path = directory()
    with open(path / "writer.lock", "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)  # released when the file closes
        yield from _write(_open(path), heap_bytes)


def _write(index: tantivy.Index, heap_bytes: int) -> Iterator[tantivy.IndexWriter]:
    index_writer = index.writer(heap_size=heap_bytes, num_threads=1)
    try:
        yield index_writer
    except BaseException:
        index_writer.rollback()
        raise
    index_writer.commit()
    index_writer.wait_merging_threads()
