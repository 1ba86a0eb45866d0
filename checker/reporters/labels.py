"""The words of the HTML report, in Russian and English."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "title": {"ru": "Отчёт о соответствии модели процессов", "en": "Process model conformance report"},
    "standard": {"ru": "Стандарт", "en": "Standard"},
    "verdict": {"ru": "Вердикт", "en": "Verdict"},
    "conforms": {"ru": "Соответствует", "en": "Conforms"},
    "not-conforms": {"ru": "Не соответствует", "en": "Does not conform"},
    "fail-on": {"ru": "Порог", "en": "Fails on"},
    "never": {"ru": "никогда", "en": "never"},
    "files": {"ru": "Файлов", "en": "Files"},
    "processes": {"ru": "Процессов", "en": "Processes"},
    "error": {"ru": "Ошибки", "en": "Errors"},
    "warning": {"ru": "Предупреждения", "en": "Warnings"},
    "info": {"ru": "Замечания", "en": "Info"},
    "waived": {"ru": "Сняты отказами", "en": "Waived"},
    "sev-error": {"ru": "ошибка", "en": "error"},
    "sev-warning": {"ru": "предупреждение", "en": "warning"},
    "sev-info": {"ru": "замечание", "en": "info"},
    "baselined": {"ru": "В базовой линии", "en": "Baselined"},
    "map": {"ru": "Карта eTOM: основная деятельность", "en": "eTOM map: Operations"},
    "map-note": {
        "ru": "Горизонтальные группы процессов против вертикальных; цвет — состояние элемента уровня 2.",
        "en": (
            "Horizontal process groupings against the verticals; the colour is the level-2 element's status."
        ),
    },
    "legend": {"ru": "Обозначения", "en": "Legend"},
    "s-covered": {"ru": "реализован", "en": "covered"},
    "s-partial": {"ru": "частично", "en": "partial"},
    "s-external": {"ru": "внешним процессом", "en": "external"},
    "s-waived": {"ru": "снят отказом", "en": "waived"},
    "s-missing": {"ru": "не реализован", "en": "missing"},
    "s-not-required": {"ru": "не требуется", "en": "not required"},
    "s-not-checked": {"ru": "не проверен", "en": "not checked"},
    "not-shown": {"ru": "Не показано", "en": "Not shown"},
    "matrix": {"ru": "Матрица покрытия", "en": "Coverage matrix"},
    "element": {"ru": "Элемент", "en": "Element"},
    "name": {"ru": "Название", "en": "Name"},
    "status": {"ru": "Состояние", "en": "Status"},
    "implemented-by": {"ru": "Реализующие процессы", "en": "Implemented by"},
    "via": {"ru": "через", "en": "via"},
    "functions-provided": {"ru": "Функции выполняются", "en": "Functions provided"},
    "functions-missing": {"ru": "Функции не выполняются", "en": "Functions missing"},
    "none": {"ru": "—", "en": "—"},
    "interfaces": {"ru": "Интерфейсы F, A, B", "en": "F, A, B interfaces"},
    "rule": {"ru": "Правило", "en": "Rule"},
    "from": {"ru": "От элемента", "en": "From element"},
    "to": {"ru": "К группе", "en": "To group"},
    "links": {"ru": "Связи процессов", "en": "Process links"},
    "i-present": {"ru": "есть", "en": "present"},
    "i-missing": {"ru": "нет", "en": "missing"},
    "i-not-applicable": {"ru": "неприменимо", "en": "not applicable"},
    "findings": {"ru": "Находки", "en": "Findings"},
    "no-findings": {"ru": "Находок нет.", "en": "No findings."},
    "place": {"ru": "Место", "en": "Place"},
    "severity": {"ru": "Уровень", "en": "Severity"},
    "clause": {"ru": "Источник", "en": "Clause"},
    "message": {"ru": "Сообщение", "en": "Message"},
    "waivers": {"ru": "Отказы", "en": "Waivers"},
    "no-waivers": {"ru": "Отказов нет.", "en": "No waivers."},
    "subject": {"ru": "Предмет", "en": "Subject"},
    "target": {"ru": "Цель", "en": "Target"},
    "reason": {"ru": "Причина", "en": "Reason"},
    "expires": {"ru": "Действует до", "en": "Expires"},
    "waived-findings": {"ru": "Снятые находки", "en": "Waived findings"},
    "provenance": {"ru": "Происхождение", "en": "Provenance"},
    "tool": {"ru": "Инструмент", "en": "Tool"},
    "pack": {"ru": "Набор правил", "en": "Rule pack"},
    "pack-hash": {"ru": "SHA-256 набора правил", "en": "Rule pack SHA-256"},
    "inputs": {"ru": "Входные файлы", "en": "Input files"},
    "file": {"ru": "Файл", "en": "File"},
    "time": {"ru": "Модель изменена", "en": "Model last changed"},
    "not-required-note": {
        "ru": "Элементы «не требуется» стандарт для CRM не требует; число — реализующие их процессы.",
        "en": (
            "Elements marked 'not required' are not required of CRM; "
            "the number counts the processes implementing them."
        ),
    },
}


def labels(lang: str) -> dict[str, str]:
    """Every label in one language."""
    return {key: value[lang] for key, value in LABELS.items()}
