"""The model as it was at a git revision (``--new-since REV``), read from git itself.

The files under the given paths are taken from git's objects as committed (``git ls-tree`` and
``git cat-file``, never ``git archive``, which .gitattributes can change) into a temporary folder,
without touching the work tree or the index; files that git sees as renamed since the revision
are put under their new names there, so that their findings keep their fingerprints. Checking
that old model with the same options tells which findings were already there.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import Localised

if TYPE_CHECKING:
    import subprocess

# subprocess, shutil and tempfile are imported where they are used: only --new-since
# needs them, and every run would pay for importing them


class RevisionError(Localised):
    """The model at the revision cannot be read: no git, no work tree, an unknown revision."""


def _git(root: str | None, *args: str, given: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    import subprocess

    command = ["git", "--no-optional-locks", *(["-C", root] if root else []), *args]
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        return subprocess.run(command, input=given, capture_output=True, check=False, env=env)
    except FileNotFoundError:
        raise RevisionError("rev-no-git") from None


def _root(path: str) -> str:
    """The top of the work tree that holds ``path``."""
    here = os.path.abspath(path)
    folder = here if os.path.isdir(here) else os.path.dirname(here)
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise RevisionError("rev-no-tree", path=path)
    return os.path.realpath(done.stdout.decode("utf-8", "surrogateescape").strip())


def _relative(path: str, root: str) -> str:
    rel = os.path.relpath(os.path.realpath(os.path.abspath(path)), root)
    if rel == ".." or rel.startswith(".." + os.sep):  # pragma: no cover - _root found it inside
        raise RevisionError("rev-outside", path=path, root=root)
    return rel.replace(os.sep, "/")


@contextlib.contextmanager
def model_at(revision: str, paths: Sequence[str]) -> Iterator[list[str]]:
    """The paths of the model as it was at ``revision``, in a temporary folder that is removed
    afterwards; a path that did not exist then is left out (all its findings are new)."""
    import shutil
    import tempfile

    if shutil.which("git") is None:
        raise RevisionError("rev-no-git")
    roots = {_root(p) for p in paths}
    if len(roots) > 1:
        raise RevisionError("rev-trees")
    (root,) = roots
    done = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if done.returncode != 0 or not done.stdout.strip():
        raise RevisionError("rev-unknown", revision=revision, root=root)
    commit = done.stdout.decode().strip()
    rels = [_relative(p, root) for p in paths]
    renames = _renames(root, commit, rels)
    with tempfile.TemporaryDirectory(prefix="etom-check-since-") as folder:
        _export(root, commit, [*rels, *renames], Path(folder))
        for old, new in renames.items():  # each under its new name, so its findings keep their ids
            source, target = Path(folder) / old, Path(folder) / new
            if source.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                source.rename(target)
        yield [os.path.join(folder, rel) for rel in rels if os.path.exists(os.path.join(folder, rel))]


def _under(name: str, rel: str) -> bool:
    return rel == "." or name == rel or name.startswith(rel.rstrip("/") + "/")


def _export(root: str, commit: str, rels: list[str], into: Path) -> None:
    """The files under ``rels`` at ``commit``, written below ``into`` as they were committed (a
    path that did not exist then is left out). Read blob by blob from git's objects, not through
    ``git archive``, which applies ``export-ignore`` and ``export-subst`` of .gitattributes."""
    listed = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit)
    if listed.returncode != 0:
        raise RevisionError("rev-list", commit=commit, said=_said(listed))
    wanted: list[tuple[str, str]] = []  # (object, path) of each regular file under rels
    for line in listed.stdout.decode("utf-8", "surrogateescape").split("\0"):
        head, _, path = line.partition("\t")
        fields = head.split()
        if len(fields) != 3 or fields[1] != "blob" or fields[0] not in ("100644", "100755"):
            continue  # a link, a submodule: no file of a model
        if (
            any(_under(path, rel) for rel in rels)
            and not os.path.isabs(path)
            and ".." not in Path(path).parts
        ):
            wanted.append((fields[2], path))
    if not wanted:
        return  # none of the paths existed then
    batch = _git(root, "cat-file", "--batch", given="".join(f"{oid}\n" for oid, _ in wanted).encode())
    if batch.returncode != 0:
        raise RevisionError("rev-read", commit=commit, said=_said(batch))
    out, at = batch.stdout, 0
    for _, path in wanted:
        end = out.index(b"\n", at)
        size = int(out[at:end].split()[2])  # "<object> blob <size>"
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1  # the content, then a line break


def _renames(root: str, commit: str, rels: list[str]) -> dict[str, str]:
    """Old name -> new name of each file that git sees as renamed since ``commit`` into one of
    ``rels`` (from anywhere in the work tree: a file named on the command line, or moved into
    the model's folder, keeps its findings' ids)."""
    diff = _git(root, "diff", "-M", "--no-color", "--name-status", "-z", commit)
    if diff.returncode != 0:
        return {}  # no renames known: the findings of a renamed file count as new
    fields = diff.stdout.decode("utf-8", "surrogateescape").split("\0")
    found: dict[str, str] = {}
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status.startswith(("R", "C")):
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            if status.startswith("R") and any(_under(new, rel) for rel in rels):
                found[old] = new
        else:
            index += 2
    return found


def _said(done: subprocess.CompletedProcess[bytes]) -> str:
    return " ".join(done.stderr.decode("utf-8", "replace").split()) or f"exit {done.returncode}"
