#!/usr/bin/env python3
"""Benchmark of etom-check against the cost of reading the same YAML, and the budget it must meet.

Generates realistic models (processes with Russian names, implements across the CRM, SM&O, RM&O
and S/PRM groupings including level-3 ids, functions, interfaces, an organisation file; files of
about 500 processes) and measures, in the same run, alternating and repeated, each command as a
fresh process:

- the floor: a fresh interpreter that parses every file with PyYAML's C loader
  (``yaml.compose(text, Loader=yaml.CSafeLoader)``);
- ``etom-check check --format json -o FILE``: a first run (an empty cache folder each time),
  a warm run (the cache filled, nothing changed), a run after one file of about twenty changed,
  and ``--no-cache``; at 10k every other format, first and warm;
- cold start: ``etom-check check SAMPLE`` against ``python -c "import yaml, networkx, jsonschema, click"``.

It prints median wall times, the ratios that the budget bounds, the peak memory of each child
(``ru_maxrss`` from ``os.wait4``), and a table of stages measured inside one process (first run
and warm run at the largest size up to 10k). Run: ``python bench/run.py --sizes 1000,10000,50000``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PER_FILE = 500
# the bundled sample operator when present, else a one-file model of the rule fixtures
DEFAULT_SAMPLE = next(
    p
    for p in (ROOT / "samples" / "operator", ROOT / "tests" / "rules" / "COV-1" / "valid.yaml")
    if p.exists()
)
BUDGET = {
    "first/floor at 10k": 2.0,
    "warm/floor at 10k": 1.2,
    "one changed/floor at 10k": 1.3,
    "50k/10k (first runs)": 5.5,
    "peak MiB at 50k": 600.0,
    "cold/import floor": 1.3,
}

FLOOR_CODE = """
import os, sys, yaml
root = sys.argv[1]
names = []
for dirpath, dirnames, filenames in os.walk(root):
    names += [os.path.join(dirpath, n) for n in filenames if n.endswith((".yaml", ".yml"))]
for name in sorted(names):
    with open(name, encoding="utf-8-sig") as handle:
        yaml.compose(handle.read(), Loader=yaml.CSafeLoader)
"""
IMPORT_FLOOR_CODE = "import yaml, networkx, jsonschema, click"
STAGE_ORDER = [
    "imports",
    "reading (total)",
    "  cache: entries read",
    "  parsing here",
    "  parsing in workers",
    "  cache: entries written",
    "rule pack",
    "repairs",
    "ids read as meant",
    "schema (refused documents)",
    "graph",
    "implementations",
    "rules and stamping",
    "check (total)",
    "view",
    "json",
]

# One check inside one process, each stage timed by wrapping the function the engine calls for
# it (the engine's own module attributes); argv: MODEL CACHE-FOLDER-or-"" JOBS ("auto" or N).
STAGES_CODE = """
import functools, json, sys, time
started = time.perf_counter()
import checker.engine.run as run
import checker.io.reading as reading
from checker.io.cache import Cache
from checker.reporters import REPORTERS
stages = {"imports": time.perf_counter() - started}
def timed(owner, name, label):
    function = getattr(owner, name)
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            stages[label] = stages.get(label, 0.0) + time.perf_counter() - begun
    setattr(owner, name, wrapper)
timed(run, "load", "reading (total)")
timed(reading, "parse_model", "  parsing here")
timed(reading, "_in_workers", "  parsing in workers")
timed(Cache, "load", "  cache: entries read")
timed(Cache, "store", "  cache: entries written")
timed(run, "pack_for", "rule pack")
timed(run, "repair_all", "repairs")
timed(run, "correct_ids", "ids read as meant")
timed(run, "schema_issues", "schema (refused documents)")
timed(run, "build_graph", "graph")
timed(run, "implementations", "implementations")
timed(run._Stamper, "run", "rules and stamping")
model, cache, jobs = sys.argv[1], sys.argv[2] or None, sys.argv[3]
begun = time.perf_counter()
result = run.check([model], cache=cache, jobs=None if jobs == "auto" else int(jobs))
stages["check (total)"] = time.perf_counter() - begun
begun = time.perf_counter()
result.view
stages["view"] = time.perf_counter() - begun
begun = time.perf_counter()
REPORTERS["json"](result.view)
stages["json"] = time.perf_counter() - begun
print(json.dumps(stages))
"""

# --------------------------------------------------------------------------- the model

VERBS = [
    "Обработка",
    "Приём",
    "Регистрация",
    "Согласование",
    "Контроль",
    "Анализ",
    "Планирование",
    "Сопровождение",
    "Учёт",
    "Проверка",
    "Подготовка",
    "Мониторинг",
    "Оформление",
    "Выставление",
]
OBJECTS = [
    "заказов",
    "обращений клиентов",
    "претензий",
    "счетов",
    "платежей",
    "договоров",
    "заявок на подключение",
    "инцидентов",
    "нарядов",
    "тарифных планов",
    "ресурсов сети",
    "услуг связи",
    "качества обслуживания",
    "партнёрских соглашений",
    "дебиторской задолженности",
    "оборудования",
]
QUALIFIERS = [
    "корпоративных клиентов",
    "частных лиц",
    "в регионах",
    "B2B",
    "по фиксированной связи",
    "по мобильной связи",
    "в центральном офисе",
    "для операторов",
    "по услугам ШПД",
    "",
]
OWNERS = [
    "Департамент обслуживания",
    "Коммерческая дирекция",
    "Технический департамент",
    "Финансовая служба",
    "Служба качества",
    "Отдел продаж",
    "Дирекция по работе с партнёрами",
]
PURPOSES = [
    "передача заказа",
    "эскалация проблемы",
    "данные для счёта",
    "уведомление клиента",
    "запрос на ресурс",
    "отчёт о качестве",
    None,
]


def _pack_data() -> tuple[list[str], dict[str, list[str]]]:
    """Catalogue element ids (level 2 and 3) and function ids by element, read from ``rules/``."""
    catalogue = yaml.safe_load((ROOT / "rules" / "catalogue.yaml").read_text(encoding="utf-8"))
    elements = [str(e["id"]) for e in catalogue["elements"] if str(e["id"]).count(".") >= 3]
    functions: dict[str, list[str]] = {}
    for path in sorted((ROOT / "rules").glob("*/*.yaml")):
        rule = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(rule, dict) and rule.get("kind") == "functions":
            element = str(rule["options"]["element"])
            functions.setdefault(element, []).extend(f["id"] for f in rule["options"]["functions"])
    return elements, functions


def generate(folder: Path, size: int, seed: int = 5) -> None:
    """A model of ``size`` processes in files of ``PER_FILE``, with a few realistic mistakes."""
    rng = random.Random(seed * 1_000_003 + size)
    elements, functions = _pack_data()
    level3 = [e for e in elements if e.count(".") >= 4]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisation.yaml").write_text(
        "model: 1\norganisation:\n  name: ПАО «Тестовый Оператор Связи»\n  id: test-operator\n"
        "  standard: GOST R 53633.3-2009\n",
        encoding="utf-8",
    )
    ids = [f"p{n:06d}" for n in range(size)]
    for start in range(0, size, PER_FILE):
        lines = ["model: 1", f"x-owner: Подразделение {start // PER_FILE + 1}", "processes:"]
        for n in range(start, min(start + PER_FILE, size)):
            lines += _process(rng, n, ids, elements, level3, functions)
        name = folder / f"processes-{start // PER_FILE + 1:04d}.yaml"
        name.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _process(
    rng: random.Random,
    n: int,
    ids: list[str],
    elements: list[str],
    level3: list[str],
    functions: dict[str, list[str]],
) -> list[str]:
    name = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}".strip()
    implements = rng.sample(elements, rng.choice((1, 1, 1, 2, 2, 3)))
    if rng.random() < 0.2:
        implements.append(rng.choice(level3))
    if rng.random() < 0.003:
        implements.append("1.1.1.5.99")  # unknown level-3 id: a warning
    if rng.random() < 0.002:
        implements.append("1.9.9.9")  # unknown element: an error
    out = [
        f"  - id: {ids[n]}",
        f"    name: {name} №{n}",
        "    implements: [" + ", ".join(dict.fromkeys(implements)) + "]",
        f"    owner: {rng.choice(OWNERS)}",
    ]
    if rng.random() < 0.05:
        out.append("    external: true")
    offered = [f for e in implements for f in functions.get(e, ())]
    if offered:
        chosen = rng.sample(offered, min(len(offered), rng.randint(1, 4)))
        if rng.random() < 0.004:
            chosen.append("issue-order")  # maybe on the wrong element
        out.append("    functions: [" + ", ".join(dict.fromkeys(chosen)) + "]")
    count = rng.choice((0, 1, 1, 2, 2, 3))
    if count:
        out.append("    interfaces:")
        for _ in range(count):
            target = ids[rng.randrange(len(ids))]
            if rng.random() < 0.0004:  # a mistyped id: about 4 in 10,000 interfaces
                target = target[:-2] + rng.choice("oOlI") + target[-1]
            out.append(f"      - to: {target}")
            purpose = rng.choice(PURPOSES)
            if purpose:
                out.append(f"        purpose: {purpose}")
    return out


# --------------------------------------------------------------------------- measuring


def run(argv: Sequence[str], ok: Sequence[int] = (0, 1)) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode not in ok:
        raise SystemExit(f"bench: {' '.join(argv)} exited {proc.returncode}: {err.strip()[-500:]}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def etom_check() -> list[str]:
    script = Path(sys.executable).parent / "etom-check"
    return [str(script)] if script.exists() else [sys.executable, "-m", "checker"]


def formats() -> list[str]:
    from checker.reporters import REPORTERS

    return sorted(REPORTERS)


class Series:
    """Repeated timings of one command, alternated with the others of the same round; ``argv``
    gives the command of each run, and ``before`` prepares it (untimed)."""

    def __init__(
        self, name: str, argv: Callable[[], list[str]], before: Callable[[], None] | None = None
    ) -> None:
        self.name, self.argv, self.before = name, argv, before
        self.times: list[float] = []
        self.peaks: list[float] = []

    def once(self) -> None:
        if self.before is not None:
            self.before()
        elapsed, peak = run(self.argv())
        self.times.append(elapsed)
        self.peaks.append(peak)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak(self) -> float:
        return max(self.peaks)


def rounds(series: list[Series], repeat: int, progress: Callable[[str], None]) -> None:
    """Each round runs every series once, in forward then reverse order (ABBA), so that drift
    of the machine's load spreads evenly over them."""
    for n in range(repeat):
        order = series if n % 2 == 0 else list(reversed(series))
        for s in order:
            s.once()
        progress(f"round {n + 1}/{repeat} done")


class Folders:
    """Cache folders: a fresh one for each first run, one kept for the warm runs."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.count = itertools.count()

    def fresh(self) -> str:
        folder = self.out / "caches" / f"first-{next(self.count)}"
        shutil.rmtree(folder, ignore_errors=True)
        return str(folder)

    def kept(self, name: str) -> str:
        return str(self.out / "caches" / name)


def check_series(
    tool: list[str], folder: Path, report: Path, folders: Folders, size: int, fmt: str = "json"
) -> tuple[Series, Series]:
    """A first run (an empty cache) and a warm run (the cache filled beforehand) of one format."""
    base = [*tool, "check", str(folder), "--format", fmt, "-o", str(report)]
    kept = folders.kept(f"warm-{size}")
    run([*base, "--cache-dir", kept])  # fill it
    first = Series(f"{fmt} first {size}", lambda: [*base, "--cache-dir", folders.fresh()])
    warm = Series(f"{fmt} warm {size}", lambda: [*base, "--cache-dir", kept])
    return first, warm


def changed_series(tool: list[str], folder: Path, report: Path, folders: Folders, size: int) -> Series:
    """A run after one file of the model changed (a copy of it), the others held by the cache."""
    copy = folder.parent / f"{folder.name}-changing"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy)
    target = sorted(copy.glob("processes-*.yaml"))[len(list(copy.glob("processes-*.yaml"))) // 2]
    original = target.read_text(encoding="utf-8")
    edits = itertools.count()
    base = [*tool, "check", str(copy), "--format", "json", "-o", str(report), "--cache-dir"]
    kept = folders.kept(f"changed-{size}")
    run([*base, kept])

    def edit() -> None:
        target.write_text(original + f"# edit {next(edits)}\n", encoding="utf-8")

    return Series(f"one changed {size}", lambda: [*base, kept], before=edit)


def stages(model: Path, cache: str, jobs: str = "auto") -> dict[str, float]:
    argv = [sys.executable, "-c", STAGES_CODE, str(model), cache, jobs]
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def measure(sizes: list[int], repeat: int, out: Path, sample: Path, progress: Callable[[str], None]) -> Any:
    tool = etom_check()
    report = out / "report.out"
    folders = Folders(out)
    results: dict[str, Any] = {"sizes": {}, "formats": {}, "cold": {}, "stages": {}}
    for size in sizes:
        folder = out / f"model-{size}"
        if not (folder / ".complete").exists():
            shutil.rmtree(folder, ignore_errors=True)
            progress(f"generating {size} processes")
            generate(folder, size)
            (folder / ".complete").write_text("", encoding="utf-8")
        floor = Series(f"floor {size}", lambda folder=folder: [sys.executable, "-c", FLOOR_CODE, str(folder)])
        first, warm = check_series(tool, folder, report, folders, size)
        nocache_argv = [*tool, "check", str(folder), "--format", "json", "-o", str(report), "--no-cache"]
        nocache = Series(f"no cache {size}", lambda argv=nocache_argv: argv)
        changed = changed_series(tool, folder, report, folders, size)
        group = [floor, first, warm, changed, nocache]
        ten_k = size == 10_000 or (10_000 not in sizes and size == sizes[-1])
        fmts: list[tuple[str, Series, Series]] = []
        if ten_k:
            for fmt in formats():
                if fmt != "json":
                    fmts.append((fmt, *check_series(tool, folder, report, folders, size, fmt)))
        names = ", ".join(s.name for s in group) + (", every format" if fmts else "")
        progress(f"measuring {size}: {names}")
        rounds(group + [s for _, a, b in fmts for s in (a, b)], repeat, progress)
        results["sizes"][size] = {
            "files": len(list(folder.glob("*.yaml"))),
            "floor": floor.median,
            "first": first.median,
            "warm": warm.median,
            "changed": changed.median,
            "nocache": nocache.median,
            "floor_peak_mib": floor.peak,
            "peak_mib": max(s.peak for s in (first, warm, changed, nocache)),
        }
        if fmts:
            results["formats_at"] = size
            results["formats"]["json"] = _format_row(first, warm, floor)
            for fmt, f, w in fmts:
                results["formats"][fmt] = _format_row(f, w, floor)
        if size <= 10_000 and (ten_k or size == sizes[-1]):
            progress(f"stages at {size}")
            empty = folders.fresh()
            results["stages"] = {
                "size": size,
                "first": stages(folder, empty),
                "warm": stages(folder, empty),
                "no cache, no workers": stages(folder, "", "1"),
            }
    cold_cache = folders.kept("cold")
    cold = Series("cold", lambda: [*tool, "check", str(sample), "-o", str(report), "--cache-dir", cold_cache])
    imports = Series("imports", lambda: [sys.executable, "-c", IMPORT_FLOOR_CODE])
    progress("measuring cold start")
    rounds([imports, cold], max(repeat, 5), progress)
    results["cold"] = {
        "check": cold.median,
        "imports": imports.median,
        "ratio": cold.median / imports.median,
        "sample": str(sample.relative_to(ROOT) if sample.is_relative_to(ROOT) else sample),
    }
    return results


def _format_row(first: Series, warm: Series, floor: Series) -> dict[str, float]:
    return {
        "first": first.median,
        "warm": warm.median,
        "first_ratio": first.median / floor.median,
        "warm_ratio": warm.median / floor.median,
        "peak_mib": max(first.peak, warm.peak),
    }


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for name in ("PyYAML", "jsonschema", "networkx", "click", "jinja2"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "absent"
    return {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "versions": versions,
    }


def verdicts(results: Any) -> list[tuple[str, float, float, bool]]:
    """(budget line, measured, limit, holds) for each point of the budget that was measured."""
    out: list[tuple[str, float, float, bool]] = []
    sizes = results["sizes"]

    def add(name: str, value: float, limit: float | None = None) -> None:
        bound = BUDGET[name] if limit is None else limit
        out.append((name, value, bound, value <= bound))

    if 10_000 in sizes:
        row = sizes[10_000]
        add("first/floor at 10k", row["first"] / row["floor"])
        add("warm/floor at 10k", row["warm"] / row["floor"])
        add("one changed/floor at 10k", row["changed"] / row["floor"])
    if 10_000 in sizes and 50_000 in sizes:
        add("50k/10k (first runs)", sizes[50_000]["first"] / sizes[10_000]["first"])
    if 50_000 in sizes:
        add("peak MiB at 50k", sizes[50_000]["peak_mib"])
    add("cold/import floor", results["cold"]["ratio"])
    if results.get("formats_at") == 10_000:
        for fmt, row in sorted(results["formats"].items()):
            out.append((f"--format {fmt}: first/floor", row["first_ratio"], 2.0, row["first_ratio"] <= 2.0))
            out.append((f"--format {fmt}: warm/floor", row["warm_ratio"], 1.2, row["warm_ratio"] <= 1.2))
    return out


def table(results: Any) -> str:
    lines = [
        "| processes | files | floor (s) | first (s) | /floor | warm (s) | /floor | one changed (s) | /floor "
        "| --no-cache (s) | /floor | floor peak (MiB) | peak (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, row in sorted(results["sizes"].items()):
        floor = row["floor"]
        cells = [f"{row[k]:.2f} | {row[k] / floor:.2f}" for k in ("first", "warm", "changed", "nocache")]
        lines.append(
            f"| {size} | {row['files']} | {floor:.2f} | {' | '.join(cells)} "
            f"| {row['floor_peak_mib']:.0f} | {row['peak_mib']:.0f} |"
        )
    if results["formats"]:
        lines += [
            "",
            f"Output formats at {results['formats_at']} processes:",
            "",
            "| format | first (s) | /floor | warm (s) | /floor | peak (MiB) |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for fmt, row in sorted(results["formats"].items()):
            lines.append(
                f"| {fmt} | {row['first']:.2f} | {row['first_ratio']:.2f} | {row['warm']:.2f} "
                f"| {row['warm_ratio']:.2f} | {row['peak_mib']:.0f} |"
            )
    if results["stages"]:
        measured = results["stages"]
        modes = [m for m in measured if m != "size"]
        lines += [
            "",
            f"Stages inside one process at {measured['size']} processes (seconds; `--jobs auto`, the "
            "first run with an empty cache folder):",
            "",
            "| stage | " + " | ".join(modes) + " |",
            "| --- |" + " ---: |" * len(modes),
        ]
        names = list(dict.fromkeys(n for m in modes for n in measured[m]))
        names.sort(key=lambda n: STAGE_ORDER.index(n) if n in STAGE_ORDER else len(STAGE_ORDER))
        for name in names:
            cells = [f"{measured[m][name]:.3f}" if name in measured[m] else "" for m in modes]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    cold = results["cold"]
    lines += [
        "",
        f"Cold start on `{cold['sample']}`: {cold['check'] * 1000:.0f} ms; "
        f"`{IMPORT_FLOOR_CODE}`: {cold['imports'] * 1000:.0f} ms; ratio {cold['ratio']:.2f}",
        "",
        "| budget | measured | limit | holds |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, value, limit, holds in verdicts(results):
        lines.append(f"| {name} | {value:.2f} | {limit:g} | {'yes' if holds else 'NO'} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="process counts (comma-separated)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the median counts")
    parser.add_argument("--out", default=None, help="folder for the models (default: a temporary one)")
    parser.add_argument("--sample", default=str(DEFAULT_SAMPLE), help="small model for the cold start")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    quiet = args.json

    def progress(message: str) -> None:
        if not quiet:
            print(f"  … {message}", file=sys.stderr, flush=True)

    temporary = None if args.out else tempfile.TemporaryDirectory(prefix="etom-bench-")
    out = Path(args.out or temporary.name)  # type: ignore[union-attr]
    out.mkdir(parents=True, exist_ok=True)
    try:
        results = measure(sizes, args.repeat, out, Path(args.sample).resolve(), progress)
    finally:
        if temporary is not None:
            temporary.cleanup()
    results["machine"] = machine()
    results["repeat"] = args.repeat
    results["budget"] = [
        {"name": n, "measured": round(v, 3), "limit": lim, "holds": ok} for n, v, lim, ok in verdicts(results)
    ]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        m = results["machine"]
        versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        print(
            f"{m['date']}, {m['nproc']} × {m['cpu']}, Python {m['python']}, libyaml {m['libyaml']}, "
            f"{versions}, median of {args.repeat}\n"
        )
        print(table(results))
    return 0 if all(b["holds"] for b in results["budget"]) else 1


if __name__ == "__main__":
    sys.exit(main())
