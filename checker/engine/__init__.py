"""The engine: runs the rules over a model read by ``io`` and shaped by ``model``, stamps
identity and place on the kinds' facts, applies waivers and baselines, decides the gate, and
builds the view that every reporter renders.

May import ``findings``, ``i18n``, ``io``, ``standard``, ``model`` and ``kinds``.
"""

from __future__ import annotations

from .run import Options, Result, SelectionError, check, evaluate

__all__ = ["Options", "Result", "SelectionError", "check", "evaluate"]
