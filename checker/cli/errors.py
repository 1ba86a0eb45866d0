"""The one line of exit code 2, in the language of the run.

Every error that stops the run is a :class:`~checker.i18n.Localised` (a term and its arguments):
the configuration's, the baseline's, an output's, ``--new-since``'s, a rule pack's, the model's
paths, ``--select``, and the usage errors of our own (:class:`UsageError`, :class:`BadParameter`).
click's own usage errors are said in Russian from what the exception holds (no such option, a
bad value, a missing argument or value, no such command, extra arguments); any other keeps
click's English words. The language is known before the options are: ``--lang`` on the command
line, else the configuration's ``lang`` once it is read (:class:`Language`), else the locale's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import click

from ..i18n import LANGS, Localised, default_lang, term


@dataclass
class Language:
    """What the run knows of its language so far: click's ``obj``, set from the command line
    and then from the configuration (:func:`checker.cli.run.configured`)."""

    chosen: str | None = None

    def now(self) -> str:
        return self.chosen or default_lang()

    @classmethod
    def of(cls, args: Sequence[str]) -> Language:
        """The ``--lang`` of the command line (``--lang en``, ``--lang=en``; the last one wins, as
        in click), if it names a language we speak."""
        chosen = None
        for index, arg in enumerate(args):
            if arg == "--":
                break
            value = arg.partition("=")[2] if arg.startswith("--lang=") else None
            if arg == "--lang" and index + 1 < len(args):
                value = args[index + 1]
            if value is not None:
                chosen = value if value in LANGS else chosen
        return cls(chosen)


def line(message: str, lang: str) -> str:
    """``etom-check: error: MESSAGE`` (``etom-check: ошибка: …``)."""
    return f"{term('e-prefix', lang)} {message}"


class UsageError(Localised, click.UsageError):
    """A usage error of our own, said in the language of the run."""


class BadParameter(Localised, click.BadParameter):
    """A bad value of an option, said in the language of the run (``param_hint`` names the
    option when click cannot: a value checked after parsing)."""

    def __init__(
        self,
        key: str,
        /,
        param: click.Parameter | None = None,
        ctx: click.Context | None = None,
        param_hint: str | None = None,
        **params: Any,
    ) -> None:
        super().__init__(key, **params)
        self.param, self.ctx, self.param_hint = param, ctx, param_hint


@dataclass(frozen=True)
class ClickMessage:
    """What a click exception says, in either language (a :class:`~checker.i18n.Phrase`)."""

    exc: click.ClickException

    def text(self, lang: str) -> str:
        return click_text(self.exc, lang)


def click_text(exc: click.ClickException, lang: str) -> str:
    """The message of a click exception in ``lang``: ours from their terms, click's own in its
    English words or, in Russian, from what the exception holds."""
    if isinstance(exc, Localised) and not isinstance(exc, BadParameter):
        return exc.text(lang)
    english = " ".join(exc.format_message().split())
    if lang == "en":
        return english
    if isinstance(exc, BadParameter):
        return term("e-bad-value", lang, {"hint": _hint(exc) or "", "detail": exc.text(lang)})
    try:
        return _said(exc, english, lang) or english
    except Exception:  # pragma: no cover - a click whose exceptions hold something else
        return english


def _said(exc: click.ClickException, english: str, lang: str) -> str | None:
    possibilities = getattr(exc, "possibilities", None)  # of no such option, and command (click 8.4)
    hint = term("e-did-you-mean", lang, {"possibilities": ", ".join(possibilities)}) if possibilities else ""
    if isinstance(exc, click.NoSuchOption):
        return term("e-no-option", lang, {"option": exc.option_name, "hint": hint})
    if isinstance(exc, click.MissingParameter):
        name = _hint(exc)
        if name is None:
            return None
        key = "e-missing-argument" if isinstance(exc.param, click.Argument) else "e-missing-option"
        return term(key, lang, {"name": name})
    if isinstance(exc, click.BadOptionUsage):
        option = next((p for p in _params(exc.ctx) if exc.option_name in getattr(p, "opts", ())), None)
        flag = isinstance(option, click.Option) and option.is_flag
        return term("e-takes-no-value" if flag else "e-needs-value", lang, {"option": exc.option_name})
    if isinstance(exc, click.BadParameter):
        return _bad_value(exc, english, lang)
    match = re.fullmatch(r"No such command (.+)\.", exc.message)
    if match:
        return term("e-no-command", lang, {"name": match.group(1), "hint": hint})
    match = re.fullmatch(r"Got unexpected extra arguments? \((.+)\)", exc.message)
    if match:
        return term("e-extra-arguments", lang, {"arguments": match.group(1)})
    return None


def _bad_value(exc: click.BadParameter, english: str, lang: str) -> str | None:
    """A value that one of click's types refused: the value given (click puts it first in its
    message), then what the type accepts."""
    hint = _hint(exc)
    if hint is None:
        return None
    given = re.match(r"(.+?) is not ", exc.message)
    key = "e-bad-given" if given else "e-bad-unknown"
    out = term(key, lang, {"hint": hint, "value": given.group(1) if given else ""})
    kind = exc.param.type if exc.param is not None else None
    if isinstance(kind, click.Choice):
        out += term("e-allowed", lang, {"choices": ", ".join(map(str, kind.choices))})
    elif isinstance(kind, click.IntRange) and kind.min is not None and kind.max is None:
        out += term("e-at-least", lang, {"min": kind.min + (1 if kind.min_open else 0)})
    elif isinstance(kind, click.types.IntParamType):
        out += term("e-whole-number", lang)
    elif isinstance(kind, click.types.BoolParamType):
        out += term("e-flag-value", lang)
    return out


def _hint(exc: click.BadParameter) -> str | None:
    """The option or argument as click names it in its messages (``'--fail-on'``)."""
    if exc.param_hint is not None:
        hint = exc.param_hint
        return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint)
    if exc.param is not None and exc.ctx is not None:
        return exc.param.get_error_hint(exc.ctx)
    return None


def _params(ctx: click.Context | None) -> list[click.Parameter]:
    return list(ctx.command.params) if ctx is not None else []
