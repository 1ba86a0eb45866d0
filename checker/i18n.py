"""Words that message arguments carry (a :class:`~checker.loading.Term`), in both languages.

Rule messages are data in the rule pack; these are the few words that facts put into them
(what was found instead of a mapping, a type name, what a value must look like).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

LANGS = ("ru", "en")


class Term(str):
    """A word for a message argument that the engine translates (``empty``, ``list`` ...)."""

    __slots__ = ()


TERMS: dict[str, dict[str, str]] = {
    "top": {"ru": "верхний уровень файла", "en": "the top level of the file"},
    "empty": {"ru": "пустой файл", "en": "an empty file"},
    "documents": {"ru": "несколько документов YAML", "en": "several YAML documents"},
    "list": {"ru": "список", "en": "a list"},
    "array": {"ru": "список", "en": "a list"},
    "mapping": {"ru": "отображение (ключи и значения)", "en": "a mapping (keys and values)"},
    "object": {"ru": "отображение (ключи и значения)", "en": "a mapping (keys and values)"},
    "text": {"ru": "текст", "en": "text"},
    "string": {"ru": "текст", "en": "text"},
    "integer": {"ru": "целое число", "en": "a whole number"},
    "number": {"ru": "число", "en": "a number"},
    "boolean": {"ru": "true или false", "en": "true or false"},
    "null": {"ru": "пустое значение", "en": "an empty value"},
    "c-const": {"ru": "должно быть {expected}", "en": "must be {expected}"},
    "c-enum": {"ru": "должно быть одним из: {expected}", "en": "must be one of: {expected}"},
    "c-empty": {"ru": "не может быть пустым", "en": "must not be empty"},
    "c-too-long": {"ru": "длиннее {limit} символов", "en": "is longer than {limit} characters"},
    "c-empty-list": {"ru": "список не может быть пустым", "en": "the list must not be empty"},
    "c-id": {
        "ru": "идентификатор состоит из латинских букв, цифр, «.», «_», «-» и начинается с буквы или цифры",
        "en": "an id is made of Latin letters, digits, '.', '_', '-' and starts with a letter or digit",
    },
    "c-element-id": {
        "ru": "идентификатор элемента eTOM записывается числами через точку, например 1.1.1.5",
        "en": "an eTOM element id is numbers separated by dots, for example 1.1.1.5",
    },
    "c-rule-id": {
        "ru": "ожидается идентификатор правила, например COV-1",
        "en": "a rule id is expected, for example COV-1",
    },
    "c-date": {"ru": "ожидается дата в виде ГГГГ-ММ-ДД", "en": "a date written YYYY-MM-DD is expected"},
    "c-other": {"ru": "нарушено ограничение «{keyword}»", "en": "violates the constraint '{keyword}'"},
}


def term(key: str, lang: str, args: Mapping[str, Any] | None = None) -> str:
    """A term in the language of the messages, its own placeholders filled from ``args``."""
    text = TERMS[key][lang]
    return text.format_map(_Missing(args or {})) if "{" in text else text


class _Missing(dict[str, Any]):
    """Format arguments that leave an unknown placeholder as written rather than failing."""

    def __init__(self, args: Mapping[str, Any]) -> None:
        super().__init__(args)

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, args: Mapping[str, Any]) -> str:
    return template.format_map(_Missing(args))


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language of the locale variables (LC_ALL, LC_MESSAGES, LANG, LANGUAGE) if it is one we
    speak, else Russian. Python's own idea of the locale is not asked: with no variable set it
    reports ``en_US`` for the C locale, and the default must then be Russian."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            code = value.split(":")[0][:2].lower()
            return code if code in LANGS else "ru"
    return "ru"


TERMS.update(
    {
        "t-unimplemented": {
            "ru": " (ни один из этих элементов не реализован в модели)",
            "en": " (none of these elements is implemented in the model)",
        },
        "t-none": {"ru": "", "en": ""},
        "d-out": {"ru": "передаёт работу", "en": "passes work to"},
        "d-in": {"ru": "получает работу от", "en": "receives work from"},
        "d-any": {"ru": "взаимодействует с", "en": "exchanges work with"},
    }
)

TERMS.update(
    {
        "waived-note": {"ru": "[снято отказом: {reason}]", "en": "[waived: {reason}]"},
        "baselined-note": {"ru": "[в базовой линии]", "en": "[in the baseline]"},
        "since-note": {"ru": "[уже было в {revision}]", "en": "[already at {revision}]"},
        "baseline-written": {
            "ru": "etom-check: базовая линия {file}: записано находок: {count}",
            "en": "etom-check: baseline {file}: {count} findings recorded",
        },
        "baseline-absent": {
            "ru": "примечание: {rule} {subject} из базовой линии больше не встречается (запись можно убрать)",
            "en": "note: {rule} {subject} of the baseline no longer occurs (the entry can be removed)",
        },
        "summary": {
            "ru": (
                "Файлов: {files}, процессов: {processes}; ошибок: {error}, предупреждений: {warning}, "
                "замечаний: {info}, снято отказами: {waived}, в базовой линии: {baselined}."
            ),
            "en": (
                "Files: {files}, processes: {processes}; errors: {error}, warnings: {warning}, "
                "info: {info}, waived: {waived}, baselined: {baselined}."
            ),
        },
        "verdict-ok": {"ru": "Модель соответствует.", "en": "The model conforms."},
        "verdict-fail": {"ru": "Модель НЕ соответствует.", "en": "The model does NOT conform."},
    }
)

TERMS.update(
    {
        "clause-elements": {"ru": "<элемент>", "en": "<element>"},
        "or-all-of": {"ru": "или все вместе:", "en": "or all of:"},
        "one-of": {"ru": "один из", "en": "one of"},
        "same-process": {
            "ru": "(процесс, реализующий оба элемента, не засчитывается: интерфейс связывает два процесса; "
            "если так задумано, объявите отказ (waiver))",
            "en": "(a process implementing both elements does not count: an interface joins two processes; "
            "where that is intended, declare a waiver)",
        },
        "evidence": {"ru": "подтверждает", "en": "evidence"},
        "h-severity": {"ru": "Уровень", "en": "Severity"},
        "h-category": {"ru": "Категория", "en": "Category"},
        "h-clause": {"ru": "Источник", "en": "Clause"},
        "h-requires": {"ru": "Что проверяется", "en": "What it checks"},
        "h-why": {"ru": "Почему", "en": "Why"},
        "h-message": {"ru": "Сообщение", "en": "Message"},
        "h-pass": {"ru": "Проходит", "en": "Passes"},
        "h-fail": {"ru": "Не проходит", "en": "Fails"},
        "h-element": {"ru": "Элемент", "en": "Element"},
        "h-name": {"ru": "Название", "en": "Name"},
        "h-status": {"ru": "Состояние", "en": "Status"},
        "h-processes": {"ru": "Процессы", "en": "Processes"},
        "via": {"ru": "через", "en": "via"},
        "h-failing": {"ru": "Что не проходит", "en": "What fails the gate"},
        "st-covered": {"ru": "реализован", "en": "covered"},
        "st-partial": {"ru": "частично", "en": "partial"},
        "st-external": {"ru": "внешний", "en": "external"},
        "st-missing": {"ru": "не реализован", "en": "missing"},
        "st-waived": {"ru": "снят отказом", "en": "waived"},
        "st-not-checked": {"ru": "не проверен", "en": "not checked"},
    }
)

TERMS.update(
    {
        "n-fifo": {
            "ru": "это не обычный файл, а именованный канал (FIFO)",
            "en": "not a regular file but a named pipe (FIFO)",
        },
        "n-device": {"ru": "это не обычный файл, а устройство", "en": "not a regular file but a device"},
        "n-socket": {"ru": "это не обычный файл, а сокет", "en": "not a regular file but a socket"},
        "n-folder": {"ru": "это папка, а не файл", "en": "a folder, not a file"},
        "n-special": {"ru": "это не обычный файл", "en": "not a regular file"},
    }
)

TERMS.update(
    {
        "hint-closest": {
            "ru": " (возможно, имелось в виду «{closest}»)",
            "en": " (did you mean '{closest}'?)",
        },
        "hint-read-as": {
            "ru": " (возможно, имелось в виду «{closest}»; до исправления проверка читает так)",
            "en": " (did you mean '{closest}'? The check reads it so until it is corrected)",
        },
        "fix-write": {"ru": "; напишите «{shown}»", "en": "; write '{shown}'"},
        "fix-dash": {
            "ru": "; начните запись с «- », чтобы получился список",
            "en": "; begin the entry with '- ' to make it a list",
        },
        "fix-quote": {
            "ru": "; если это текст, заключите его в кавычки: {shown}",
            "en": "; if it is text, put it in quotes: {shown}",
        },
        "hidden-failing": {
            "ru": "из них не проходят проверку: {failing_count}",
            "en": "failing the gate among them: {failing_count}",
        },
        "hidden-passing": {
            "ru": "ни одна из них не влияет на результат проверки",
            "en": "none of them fails the gate",
        },
        "not-shown": {
            "ru": "Не показано находок: {not_shown}, из них не проходят проверку: {failing}.",
            "en": "Findings not shown: {not_shown}, failing the gate among them: {failing}.",
        },
        "held-back": {
            "ru": (
                "Проверки всей модели отложены ({count}: {what}): {why}. "
                "Исправьте и запустите проверку снова."
            ),
            "en": (
                "Checks over the whole model held back ({count}: {what}): {why}. Fix and run the check again."
            ),
        },
        "hb-unread-1": {"ru": "файл {files} не прочитан", "en": "{files} could not be read"},
        "hb-unread-n": {"ru": "файлы {files} не прочитаны", "en": "{files} could not be read"},
        "hb-unclear-1": {
            "ru": "файл {files} не прочитан однозначно (не прочитан, повтор ключа или недопустимый тег)",
            "en": "{files} could not be read unambiguously (not read, a repeated key or a refused tag)",
        },
        "hb-unclear-n": {
            "ru": "файлы {files} не прочитаны однозначно (не прочитаны, повтор ключа или недопустимый тег)",
            "en": "{files} could not be read unambiguously (not read, a repeated key or a refused tag)",
        },
        "hb-release-1": {
            "ru": "в файле {files} не распознана редакция eTOM",
            "en": "the eTOM release named in {files} is not one the crosswalk holds",
        },
        "hb-release-n": {
            "ru": "в файлах {files} не распознана редакция eTOM",
            "en": "the eTOM releases named in {files} are not ones the crosswalk holds",
        },
        "xw-no-counterpart-deleted": {
            "ru": "у {element} нет соответствия в eTOM {release} (элемент исключён)",
            "en": "{element} has no counterpart in eTOM {release} (deleted)",
        },
        "xw-no-counterpart-unknown": {
            "ru": "соответствие {element} в eTOM {release} неизвестно",
            "en": "no counterpart of {element} in eTOM {release} is known",
        },
        "xw-stands-elsewhere": {
            "ru": "он соответствует {element} только в {releases}",
            "en": "it stands for {element} only in {releases}",
        },
        "xw-partial-release": {
            "ru": " (для {release} таблица соответствия неполна, строк: {rows})",
            "en": " (the crosswalk holds {release} in part, rows: {rows})",
        },
        "xw-no-row": {
            "ru": "в таблице соответствия нет строки для {element} в eTOM {release}",
            "en": "the crosswalk holds no row for {element} in eTOM {release}",
        },
        "xw-is": {
            "ru": "в eTOM {release} элемент {element} — это {id}",
            "en": "in eTOM {release} {element} is {id}",
        },
        "xw-near-none": {
            "ru": "{written} ({at}) не соответствует {element}",
            "en": "{written} ({at}) does not stand for {element}",
        },
        "xw-near-elsewhere": {
            "ru": "{written} ({at}) соответствует {element} только в {releases}",
            "en": "{written} ({at}) stands for {element} only in {releases}",
        },
        "xw-fix-standard": {
            "ru": "если какой-то процесс его выполняет, укажите в его implements {ids}",
            "en": "if a process does it, write {ids} in its implements",
        },
        "xw-fix-either": {
            "ru": "укажите его идентификатор в этой редакции или {ids}",
            "en": "write the id it has in that release, or {ids}",
        },
        "xw-title": {
            "ru": "Соответствие ГОСТ Р 53633.3-2009 и редакций eTOM ({file}; источник sha256 {sha256})",
            "en": "Crosswalk of GOST R 53633.3-2009 and eTOM releases ({file}; source sha256 {sha256})",
        },
        "xw-release-full": {
            "ru": "{release}: полная, строк: {rows}",
            "en": "{release}: complete, {rows} rows",
        },
        "xw-release-partial": {
            "ru": "{release}: частичная, строк: {rows} (нет строки — не проверено)",
            "en": "{release}: partial, {rows} rows (no row means not checked)",
        },
        "xw-release-fallback": {
            "ru": "{release}: частичная, строк: {rows}; где строки нет, читается как {fallback}",
            "en": "{release}: partial, {rows} rows; where a row is missing, read as {fallback}",
        },
        "waiver-target": {"ru": "; цель: {target}", "en": "; target: {target}"},
        "partial-rest-split": {
            "ru": "части, не вошедшие при разделении в {ids}",
            "en": "the parts that the split left out of {ids}",
        },
        "partial-rest-unlisted": {
            "ru": "части, которых каталог не перечисляет",
            "en": "the parts that the catalogue does not list",
        },
        "xw-rel-same": {"ru": "тот же", "en": "same"},
        "xw-rel-renamed": {"ru": "переименован", "en": "renamed"},
        "xw-rel-moved-level": {"ru": "перенесён на другой уровень", "en": "moved to another level"},
        "xw-rel-split": {"ru": "разделён (частично)", "en": "split (in part)"},
        "xw-rel-deleted": {"ru": "исключён", "en": "deleted"},
        "xw-rel-unknown": {"ru": "соответствие неизвестно", "en": "no counterpart known"},
        "unused-none": {"ru": "не снимает ни одного замечания", "en": "matches no finding"},
        "unused-redundant": {
            "ru": "снимает только то, что уже снимает более точный или прежний отказ",
            "en": "excuses only what a more specific or earlier waiver already excuses",
        },
        "hb-coverage": {"ru": "покрытие", "en": "coverage"},
        "hb-interface": {"ru": "интерфейсы", "en": "interfaces"},
        "hb-function": {"ru": "функции", "en": "functions"},
        "hb-references": {"ru": "ссылки на процессы", "en": "references to processes"},
        "hb-organisation": {"ru": "организация", "en": "the organisation"},
        "hb-waivers": {"ru": "неиспользуемые отказы", "en": "unused waivers"},
        "enc-cp1251": {
            "ru": " (похоже, файл сохранён в кодировке Windows-1251)",
            "en": " (the text looks like Windows-1251, cp1251)",
        },
        "enc-utf16": {
            "ru": " (похоже, файл сохранён в кодировке UTF-16)",
            "en": " (the text looks like UTF-16)",
        },
        "enc-other": {"ru": "", "en": ""},
    }
)

# What a YAML parser's complaint means, and what to change; the parser's own (English) words are
# never shown in Russian. ``{char}`` is the character at the place, ``{raw}`` the parser's text.
TERMS.update(
    {
        "y-tab": {
            "ru": "символ табуляции в отступе; делайте отступы пробелами",
            "en": "a tab character in the indentation; indent with spaces",
        },
        "y-colon": {
            "ru": (
                "«: » внутри значения начинает новый ключ; если двоеточие — часть текста, "
                "заключите значение в кавычки"
            ),
            "en": (
                "': ' inside a value starts a new key; if the "
                "colon belongs to the text, put the value in quotes"
            ),
        },
        "y-indent": {
            "ru": "отступ строки не совпадает с соседними строками; выровняйте её по ключам того же уровня",
            "en": (
                "the indentation of this line does not match the "
                "lines around it; align it with its sibling keys"
            ),
        },
        "y-flow-seq": {
            "ru": "список, открытый «[», не закрыт; добавьте «]» или разделите элементы «, »",
            "en": "a list opened with '[' is not closed; add ']' or separate the items with ', '",
        },
        "y-flow-map": {
            "ru": "отображение, открытое «{{», не закрыто; добавьте «}}» или разделите пары «, »",
            "en": "a mapping opened with '{{' is not closed; add '}}' or separate the pairs with ', '",
        },
        "y-unmatched": {
            "ru": "закрывающая скобка «{char}» без открывающей; удалите её или добавьте открывающую",
            "en": "a closing '{char}' without an opening one; remove it or add the opening one",
        },
        "y-quote": {
            "ru": "кавычка не закрыта; закройте её в конце значения",
            "en": "a quote is not closed; close it at the end of the value",
        },
        "y-escape": {
            "ru": (
                "неизвестная escape-последовательность в двойных кавычках; пишите "
                "\\\\ для обратной косой черты или используйте одинарные кавычки"
            ),
            "en": (
                "an unknown escape sequence in double quotes; write \\\\ for a backslash or use single quotes"
            ),
        },
        "y-key": {
            "ru": "строка без «:»; пишите «ключ: значение»",
            "en": "a line without ':'; write 'key: value'",
        },
        "y-char": {
            "ru": "значение не может начинаться с символа «{char}»; заключите значение в кавычки",
            "en": "a value cannot begin with '{char}'; put the value in quotes",
        },
        "y-anchor": {
            "ru": "за «&» или «*» должно следовать имя якоря; если это текст, заключите значение в кавычки",
            "en": "'&' or '*' must be followed by an anchor name; if it is text, put the value in quotes",
        },
        "y-alias": {
            "ru": "псевдоним «*{anchor}» ссылается на якорь «&{anchor}», которого выше нет",
            "en": "the alias '*{anchor}' names no anchor '&{anchor}' above it",
        },
        "y-directive": {
            "ru": (
                "строка, начинающаяся с «%», — директива YAML; если это текст, заключите значение в кавычки"
            ),
            "en": "a line beginning with '%' is a YAML directive; if it is text, put the value in quotes",
        },
        "y-block": {
            "ru": "после «|» или «>» текст пишется со следующей строки, с отступом",
            "en": "after '|' or '>' the text begins on the next line, indented",
        },
        "y-document": {
            "ru": (
                "после конца документа («...») нет нового начала («---»); удалите «...» или строки после него"
            ),
            "en": (
                "after the end of the document ('...') there is no "
                "new start ('---'); remove '...' or the lines after it"
            ),
        },
        "y-merge": {
            "ru": "ключ слияния «<<» принимает отображение или список отображений",
            "en": "a merge key '<<' takes a mapping or a list of mappings",
        },
        "y-complex-key": {
            "ru": "ключ отображения должен быть простым значением, а не списком или отображением",
            "en": "a mapping key must be a plain value, not a list or a mapping",
        },
        "y-character": {
            "ru": "символ {char} не допускается в YAML; удалите его",
            "en": "the character {char} is not allowed in YAML; remove it",
        },
        "y-other": {
            "ru": (
                "файл не соответствует синтаксису YAML в этом месте; проверьте отступы, двоеточия и кавычки"
            ),
            "en": "the file is not valid YAML here ({raw}); check the indentation, colons and quotes",
        },
    }
)

# Why the operating system would not give a file
TERMS.update(
    {
        "os-EACCES": {"ru": "нет прав на чтение", "en": "permission denied"},
        "os-EPERM": {"ru": "операция не разрешена", "en": "operation not permitted"},
        "os-ENOENT": {
            "ru": "такого файла нет: ссылка ведёт в никуда или файл удалён во время проверки",
            "en": "no such file: a link that leads nowhere, or a file removed during the check",
        },
        "os-ELOOP": {"ru": "слишком много символических ссылок", "en": "too many symbolic links"},
        "os-EIO": {"ru": "ошибка ввода-вывода", "en": "input/output error"},
        "os-other": {"ru": "ошибка операционной системы ({raw})", "en": "{raw}"},
    }
)
