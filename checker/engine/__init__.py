"""The engine: runs the rules over a model read by ``io`` and put right by ``model``, stamps
identity and place on the kinds' facts, applies waivers and baselines, decides the gate, and
builds the view that every reporter renders.

- ``run``: :func:`check` and :func:`evaluate`, the :class:`Options` of a check;
- ``packs``: the rule pack of a run, every rule checked against its kind;
- ``selection``, ``stamping``, ``coverage``, ``baseline``: the steps of a run;
- ``result``: the :class:`Result`; ``view``: what every output shows, built once from it.

May import ``findings``, ``i18n``, ``io``, ``standard``, ``model`` and ``kinds``.
"""

from __future__ import annotations

from .result import Result
from .run import Options, check, evaluate
from .selection import SelectionError

__all__ = ["Options", "Result", "SelectionError", "check", "evaluate"]
