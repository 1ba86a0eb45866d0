#!/usr/bin/env python3
"""Benchmark of etom-check against the cost of reading the same YAML, and the budget it must meet.

Generates realistic models (processes with Russian names, implements across the CRM, SM&O, RM&O
and S/PRM groupings including level-3 ids, functions, interfaces, an organisation file; files of
about 500 processes) and measures, in the same run, alternating and repeated:

- the floor: a fresh interpreter that parses every file with PyYAML's C loader
  (``yaml.compose(text, Loader=yaml.CSafeLoader)``);
- ``etom-check check --format json -o FILE`` on the same files (and every other format at 10k);
- cold start: ``etom-check check SAMPLE`` against ``python -c "import yaml, networkx, jsonschema, click"``.

It prints median wall times, the ratios that the budget bounds and the peak memory of each child
(``ru_maxrss`` from ``os.wait4``). Run: ``python bench/run.py --sizes 1000,10000,50000``.
"""

from __future__ import annotations

import argparse
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
    "check/floor at 10k": 1.5,
    "50k/10k": 5.5,
    "peak MiB at 50k": 1024.0,
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
    """Repeated timings of one command, alternated with the others of the same round."""

    def __init__(self, name: str, argv: list[str]) -> None:
        self.name, self.argv = name, argv
        self.times: list[float] = []
        self.peaks: list[float] = []

    def once(self) -> None:
        elapsed, peak = run(self.argv)
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


def measure(sizes: list[int], repeat: int, out: Path, sample: Path, progress: Callable[[str], None]) -> Any:
    tool = etom_check()
    report = out / "report.out"
    results: dict[str, Any] = {"sizes": {}, "formats": {}, "cold": {}}
    for size in sizes:
        folder = out / f"model-{size}"
        if not (folder / ".complete").exists():
            shutil.rmtree(folder, ignore_errors=True)
            progress(f"generating {size} processes")
            generate(folder, size)
            (folder / ".complete").write_text("", encoding="utf-8")
        floor = Series(f"floor {size}", [sys.executable, "-c", FLOOR_CODE, str(folder)])
        check = Series(f"check {size}", [*tool, "check", str(folder), "--format", "json", "-o", str(report)])
        group = [floor, check]
        ten_k = size == 10_000 or (10_000 not in sizes and size == sizes[-1])
        fmts = [
            Series(f"{fmt} {size}", [*tool, "check", str(folder), "--format", fmt, "-o", str(report)])
            for fmt in formats()
            if ten_k and fmt != "json"
        ]
        progress(f"measuring {size}: floor, check" + ("".join(f", {f.name}" for f in fmts)))
        rounds(group + fmts, repeat, progress)
        results["sizes"][size] = {
            "floor": floor.median,
            "check": check.median,
            "ratio": check.median / floor.median,
            "floor_peak_mib": floor.peak,
            "check_peak_mib": check.peak,
            "files": len(list(folder.glob("*.yaml"))),
        }
        if fmts:
            results["formats_at"] = size
            results["formats"]["json"] = {
                "time": check.median,
                "ratio": check.median / floor.median,
                "peak_mib": check.peak,
            }
            for f in fmts:
                results["formats"][f.name.split()[0]] = {
                    "time": f.median,
                    "ratio": f.median / floor.median,
                    "peak_mib": f.peak,
                }
    cold = Series("cold", [*tool, "check", str(sample), "-o", str(report)])
    imports = Series("imports", [sys.executable, "-c", IMPORT_FLOOR_CODE])
    progress("measuring cold start")
    rounds([imports, cold], max(repeat, 5), progress)
    results["cold"] = {
        "check": cold.median,
        "imports": imports.median,
        "ratio": cold.median / imports.median,
        "sample": str(sample.relative_to(ROOT) if sample.is_relative_to(ROOT) else sample),
    }
    return results


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
    }


def verdicts(results: Any) -> list[tuple[str, float, float, bool]]:
    """(budget line, measured, limit, holds) for each point of the budget that was measured."""
    out: list[tuple[str, float, float, bool]] = []
    sizes = results["sizes"]

    def add(name: str, value: float) -> None:
        out.append((name, value, BUDGET[name], value <= BUDGET[name]))

    if 10_000 in sizes:
        add("check/floor at 10k", sizes[10_000]["ratio"])
    if 10_000 in sizes and 50_000 in sizes:
        add("50k/10k", sizes[50_000]["check"] / sizes[10_000]["check"])
    if 50_000 in sizes:
        add(
            "peak MiB at 50k",
            max(sizes[50_000]["check_peak_mib"], *[f["peak_mib"] for f in results["formats"].values()]),
        )
    add("cold/import floor", results["cold"]["ratio"])
    for fmt, row in sorted(results["formats"].items()):
        if results.get("formats_at") == 10_000:
            out.append((f"--format {fmt}: /floor at 10k", row["ratio"], 1.5, row["ratio"] <= 1.5))
    return out


def table(results: Any) -> str:
    lines = [
        "| processes | files | floor (s) | check (s) | check/floor | floor peak (MiB) | check peak (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, row in sorted(results["sizes"].items()):
        lines.append(
            f"| {size} | {row['files']} | {row['floor']:.2f} | {row['check']:.2f} | {row['ratio']:.2f} "
            f"| {row['floor_peak_mib']:.0f} | {row['check_peak_mib']:.0f} |"
        )
    if results["formats"]:
        lines += [
            "",
            f"Output formats at {results['formats_at']} processes:",
            "",
            "| format | check (s) | /floor | peak (MiB) |",
            "| --- | ---: | ---: | ---: |",
        ]
        for fmt, row in sorted(results["formats"].items()):
            lines.append(f"| {fmt} | {row['time']:.2f} | {row['ratio']:.2f} | {row['peak_mib']:.0f} |")
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
        print(
            f"{m['date']}, {m['nproc']} × {m['cpu']}, Python {m['python']}, libyaml {m['libyaml']}, "
            f"median of {args.repeat}\n"
        )
        print(table(results))
    return 0 if all(b["holds"] for b in results["budget"]) else 1


if __name__ == "__main__":
    sys.exit(main())
