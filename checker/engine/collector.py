"""The cyclic garbage collector paused while a large model is checked and described."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(function: Callable[P, R]) -> Callable[P, R]:
    """The cyclic garbage collector off while ``function`` runs, and as it was after.

    Reading a large model makes millions of small objects, none in reference cycles, and every
    one of them would be traversed again by each full collection: about a third of the run on
    10k processes, and more the larger the model. Memory is freed by reference counting as
    usual."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused
