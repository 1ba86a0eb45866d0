"""Parsing files in worker processes (``--jobs``): on a model of many megabytes, the files that
the cache does not hold are parsed by forked workers, each also keeping its files in the cache.

A worker sends back the data and the positions encoded as the cache keeps them, and the
document is made of them as a cached one is: only a file read without any problem, alias or
merge key comes back this way; any other is read again by the process that asked, so that its
problems are found exactly as they always are. The workers are forked, so they start with
everything imported; where fork is not available, or the workers cannot be started, the files
are parsed one after the other, with the same result.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

from .cache import Cache
from .parsing import parse_model
from .sources import Limits

# below this many bytes to parse, starting workers costs more than it saves
AUTO_BYTES = 1 << 20

Job = tuple[str, bytes, Limits, Cache | None, str]
Parsed = tuple[dict[str, Any], bytes, bool | None]


def cpus() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def processes_for(jobs: int | None, size: int, files: int) -> int:
    """How many workers parse ``files`` files of ``size`` bytes in all: ``jobs`` when given (1:
    none), else as many as there are processors once there are enough bytes to be worth it."""
    wanted = jobs if jobs is not None else (cpus() if size >= AUTO_BYTES else 1)
    return max(1, min(wanted, files))


def _fork() -> Any:
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def parse_all(jobs: list[Job], processes: int) -> list[Parsed | None] | None:
    """Each job parsed in one of ``processes`` forked workers (None for a file the caller must
    read itself), or None when no worker can be started (no fork, or a failure to start)."""
    context = _fork()
    if context is None or processes < 2:
        return None
    try:
        with context.Pool(processes) as pool:
            results: list[Parsed | None] = pool.map(_parse, jobs, chunksize=1)
    except (OSError, ValueError, RuntimeError):  # no worker could start: parse them here
        return None
    return results


def _parse(job: Job) -> Parsed | None:
    name, raw, limits, cache, key = job
    doc, problems, shared = parse_model(raw, name, limits)
    if doc is None or problems or shared:
        return None  # read again by the caller, problems and all
    if cache is not None:
        cache.store(key, doc)
    return doc.data, doc.positions.encode(), doc.valid
