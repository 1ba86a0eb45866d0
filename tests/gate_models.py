"""Small models for the CI-gate tests, written into a temporary folder."""

from __future__ import annotations

from pathlib import Path

# Every element COV-1 requires except 1.1.1.9: with --select COV-1, one finding COV-1[1.1.1.9].
COV1_BUT_9 = ["1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4", "1.1.1.5", "1.1.1.6", "1.1.1.7"]


def model_text(elements: list[str] = COV1_BUT_9, waivers: str = "", head: str = "") -> str:
    lines = [head + "model: 1", "organisation:", "  name: Пример Телеком", "processes:"]
    for element in elements:
        pid = "p-" + element.replace(".", "-")
        lines += [f"  - id: {pid}", f"    name: Процесс {element}", f"    implements: [{element}]"]
    text = "\n".join(lines) + "\n"
    if waivers:
        text += "waivers:\n" + waivers
    return text


def write_model(folder: Path, text: str, name: str = "model.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


WAIVE_9 = "  - rule: COV-1\n    subject: 1.1.1.9\n    reason: Удержание выполняет партнёр по договору № 17\n"
