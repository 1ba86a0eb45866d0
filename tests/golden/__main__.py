"""``python -m tests.golden``: write the golden outputs anew after an intended change."""

from __future__ import annotations

from . import ROOT, update

for written in update():
    print(written.relative_to(ROOT))
