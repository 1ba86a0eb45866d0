"""What every command that checks a model shares: the options, the configuration, the run.

``check``, ``report`` and ``graph`` take the same options (:func:`model_options`), read the same
configuration and get their result from :func:`run_check`, so that one model gives one verdict
and one exit code whichever of them draws it (cli.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import click
from click.core import ParameterSource

from ..engine import Options, Result, check
from ..engine.baseline import Baseline, read_baseline
from ..findings import Severity
from ..i18n import default_lang
from ..io.cache import FOLDER as CACHE_FOLDER
from ..io.gitrev import model_at
from ..io.reading import ModelPathError
from .config import CHECK_ONLY, KEYS, Config, ConfigError, find_config
from .errors import ClickMessage, Language, UsageError
from .options import fail_on_option, jobs_option, lang_option, limit_options, limits_from, split_ids

F = Callable[..., Any]
CACHE_ENV = "ETOM_CHECK_CACHE_DIR"


def model_options(func: F) -> F:
    """The options of a run over a model: what to read, which rules, what fails, what excuses."""
    options = [
        click.argument("paths", nargs=-1),
        lang_option,
        click.option(
            "--select",
            multiple=True,
            metavar="IDS",
            help="Run only these rules (ids or id prefixes, comma-separated).",
        ),
        click.option(
            "--ignore",
            multiple=True,
            metavar="IDS",
            help="Skip these rules (ids or id prefixes, comma-separated).",
        ),
        fail_on_option,
        click.option(
            "--rules",
            multiple=True,
            metavar="PACK",
            help="A custom rule pack (YAML): more rules of the existing kinds, severity overrides. "
            "Repeatable.",
        ),
        click.option(
            "--baseline",
            default=None,
            metavar="FILE",
            help="Keep the findings recorded in FILE out of the gate.",
        ),
        click.option(
            "--new-since",
            default=None,
            metavar="REV",
            help="Count only findings that the model at git revision REV did not have (read from git, "
            "never checked out); the others are shown as baselined.",
        ),
        click.option(
            "--exclude",
            multiple=True,
            metavar="GLOB",
            help="Leave files out of a folder of the model: a glob relative to the folder ('ci', "
            "'*.gitlab-ci.yml', 'vendor/**'). Repeatable.",
        ),
        click.option(
            "--no-waivers", is_flag=True, help="Make every waiver of the model ineffective (for audits)."
        ),
        click.option(
            "--no-cache",
            is_flag=True,
            help="Read every file anew, keeping no cache of reading results (by default they are kept "
            f"in {CACHE_FOLDER}/ of the current folder; a cache never changes a result).",
        ),
        click.option(
            "--cache-dir",
            default=None,
            metavar="DIR",
            help=f"Keep the cache of reading results in DIR (default: ${CACHE_ENV}, else {CACHE_FOLDER}); "
            "a folder that cannot be written means no cache.",
        ),
        jobs_option,
        click.option(
            "--config",
            default=None,
            metavar="FILE",
            help="Read options from FILE (default: [tool.etom-check] in pyproject.toml, [etom-check] in "
            "setup.cfg).",
        ),
        limit_options,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def apply_config(ctx: click.Context, config: Config, params: dict[str, Any]) -> dict[str, Any]:
    """The options with the configuration's values for those not given on the command line
    (``report`` and ``graph`` leave out the keys of check's own output)."""
    merged = dict(params)
    by_name = {p.name: p for p in ctx.command.params}
    for key, value in config.values.items():
        name = KEYS[key]
        if ctx.command.name != "check" and key in CHECK_ONLY:
            continue
        if ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP):
            continue
        param = by_name[name]
        try:
            merged[name] = param.type_cast_value(ctx, value)
        except click.BadParameter as exc:
            raise ConfigError("cfg-value", file=config.file, key=key, detail=ClickMessage(exc)) from None
    return merged


def configured(ctx: click.Context, params: dict[str, Any]) -> dict[str, Any]:
    """The options after the configuration, with the model's paths required."""
    config = find_config(params["config"])
    if config is not None:
        params = apply_config(ctx, config, params)
    if isinstance(ctx.obj, Language) and params["lang"]:  # the errors from here on are said in it
        ctx.obj.chosen = params["lang"]
    if not params["paths"]:
        raise UsageError("e-no-model")
    # (``--baseline ''`` is no baseline: it overrides the configuration's, to write the first)
    for name in ("write_baseline", "output", "cache_dir", "rules", "paths"):
        given = params.get(name)
        if given == "" or (isinstance(given, (list, tuple)) and "" in given):
            option = "PATHS" if name == "paths" else "--" + name.replace("_", "-")
            raise UsageError("e-empty-path", option=option)
    return params


def options_from(params: dict[str, Any]) -> Options:
    fail_on = params["fail_on"]
    return Options(
        lang=params["lang"] or default_lang(),
        select=tuple(split_ids(params["select"])),
        ignore=tuple(split_ids(params["ignore"])),
        fail_on=None if fail_on == "never" else Severity.parse(fail_on),
        limits=limits_from(params),
        rule_files=tuple(params["rules"]),
        waivers=not params["no_waivers"],
        baseline=read_baseline(params["baseline"]) if params["baseline"] else None,
        exclude=tuple(params["exclude"]),
        cache=None if params["no_cache"] else cache_folder(params["cache_dir"]),
        jobs=params["jobs"],
    )


def cache_folder(given: str | None) -> str:
    """Where the cache is kept: the option or the configuration's key, else the environment
    variable (as ruff's, for CI runners that keep caches in one place), else the default."""
    return given or os.environ.get(CACHE_ENV) or CACHE_FOLDER


def run_check(params: dict[str, Any]) -> Result:
    """The check of the model that the options name: with the baseline file, and with the
    findings that the model had at ``--new-since`` counted as baselined."""
    options = options_from(params)
    paths: Sequence[str] = params["paths"]
    revision = params["new_since"]
    if revision:
        with model_at(revision, paths) as old_paths:
            try:
                before = check(old_paths, options.but(baseline=None)) if old_paths else None
            except ModelPathError:  # a folder that held no model file then
                before = None
        # what was waived then is governed by its waiver, as a baseline leaves it out: a change
        # that removes the waiver (or lets it expire) adds the finding
        every = (*before.findings, *before.hidden) if before else ()
        known = frozenset(f.fingerprint for f in every if not f.waived)
        own = options.baseline or Baseline(())
        options = options.but(
            baseline=Baseline(own.entries, own.source, revision=revision, at_revision=known),
        )
    return check(paths, options)


def destinations(outputs: Sequence[str | None]) -> list[str]:
    """Where each output goes, resolved, to refuse two outputs to the same place."""
    return [os.path.realpath(d) if d not in (None, "-") else "-" for d in outputs]
