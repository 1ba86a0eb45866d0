"""Words that message arguments carry (a :class:`~checker.loading.Term`), in both languages.

Rule messages are data in the rule pack; these are the few words that facts put into them
(what was found instead of a mapping, a type name, what a value must look like).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

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


@runtime_checkable
class Phrase(Protocol):
    """An argument that says itself in either language (a message of click, an error inside an error)."""

    def text(self, lang: str) -> str: ...


def phrase(key: str, lang: str, params: Mapping[str, Any]) -> str:
    """The term ``key`` in ``lang``, its arguments said in ``lang`` too: a :class:`Term` argument
    is translated (its own placeholders filled from the other arguments, themselves translated),
    a :class:`Phrase` says itself, anything else (a path, an option, a value) is kept as it is."""
    args: Mapping[str, Any] = params
    for _ in range(2):  # a term may name another: the second pass fills it with the first's words
        args = {
            name: term(value, lang, args)
            if isinstance(value, Term)
            else value.text(lang)
            if isinstance(value, Phrase)
            else value
            for name, value in params.items()
        }
    return term(key, lang, args)


class Localised(Exception):
    """An error that stops the run (exit code 2), its message a term of :data:`TERMS` with its
    arguments: ``str()`` is the English text, :meth:`text` the text in the language of the run."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key, self.params = key, params
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        return phrase(self.key, lang, self.params)

    def __reduce__(self) -> tuple[Any, ...]:  # copied or pickled whole, whatever its __init__ takes
        return _restored, (type(self), self.args, dict(self.__dict__))


def _restored(cls: type[Localised], args: tuple[Any, ...], state: dict[str, Any]) -> Localised:
    exc = cls.__new__(cls)
    exc.args = args
    exc.__dict__.update(state)
    return exc


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
        "t-unimplemented-1": {
            "ru": " (этот элемент не реализован в модели)",
            "en": " (this element is not implemented in the model)",
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
        "mermaid-too-big": {
            "ru": (
                "etom-check: в диаграмме Mermaid связей: {edges}, знаков: {size}; по умолчанию Mermaid"
                " рисует не больше {max_edges} связей и {max_size} знаков (maxEdges, maxTextSize):"
                " поднимите их там, где диаграмма показывается, или возьмите --format dot или graphml"
            ),
            "en": (
                "etom-check: the Mermaid diagram has {edges} links and {size} characters; by default"
                " Mermaid draws at most {max_edges} links and {max_size} characters (maxEdges,"
                " maxTextSize): raise them where it is shown, or use --format dot or graphml"
            ),
        },
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
        "h-pass": {"ru": "Проходит это правило", "en": "Passes this rule"},
        "h-fail": {"ru": "Не проходит это правило", "en": "Fails this rule"},
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
                "Проверки всей модели отложены (правил: {count} — {what}): {why}. "
                "Исправьте и запустите проверку снова."
            ),
            "en": (
                "Checks over the whole model held back ({count} rules: {what}): {why}. "
                "Fix and run the check again."
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
        "hb-repeated-1": {
            "ru": "в файле {files} повторяется ключ (какое из значений имелось в виду, не угадывается)",
            "en": "{files} repeats a key (which of the values is meant is not guessed)",
        },
        "hb-repeated-n": {
            "ru": "в файлах {files} повторяются ключи (какое из значений имелось в виду, не угадывается)",
            "en": "{files} repeat keys (which of the values is meant is not guessed)",
        },
        "hb-tag-1": {"ru": "в файле {files} недопустимый тег", "en": "{files} holds a refused tag"},
        "hb-tag-n": {"ru": "в файлах {files} недопустимые теги", "en": "{files} hold refused tags"},
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
        "explain-no-example": {
            "ru": "(примеры этого правила не проходят и не проваливают его, как должны, и не показаны)",
            "en": "(the examples of this rule do not pass and fail it as they should, and are not shown)",
        },
        "explain-unreadable": {
            "ru": "(файл, который нельзя прочитать)",
            "en": "(a file that cannot be read)",
        },
        "explain-limit": {"ru": "(прочитано с {option} {value})", "en": "(read with {option} {value})"},
        "severity-error": {"ru": "ошибка (error)", "en": "error"},
        "severity-warning": {"ru": "предупреждение (warning)", "en": "warning"},
        "severity-info": {"ru": "замечание (info)", "en": "info"},
        "category-coverage": {"ru": "покрытие (coverage)", "en": "coverage"},
        "category-interface": {"ru": "интерфейсы (interface)", "en": "interface"},
        "category-function": {"ru": "функции (function)", "en": "function"},
        "category-model": {"ru": "модель (model)", "en": "model"},
        "partial-rest-split": {
            "ru": (
                "части, не вошедшие при разделении в {ids}; если их выполняет какой-то процесс,"
                " укажите в его implements {element}@standard"
            ),
            "en": (
                "the parts that the split left out of {ids}; if a process does them, write"
                " {element}@standard in its implements"
            ),
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
        "unused-none": {"ru": "не снимает ни одной находки", "en": "matches no finding"},
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
        "y-separator": {
            "ru": (
                "невидимый разделитель строк {char} здесь для YAML заканчивает строку; уберите его"
                " или заключите текст в кавычки"
            ),
            "en": (
                "the invisible line separator {char} ends the line here for YAML; remove it or quote the text"
            ),
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

# The one line of exit code 2 (checker.cli.errors): what stops the run, in the language of the
# run. File paths, options, keys, rule ids and values stand in them as they were given.
TERMS.update(
    {
        "e-prefix": {"ru": "etom-check: ошибка:", "en": "etom-check: error:"},
        "e-internal": {
            "ru": (
                "внутренняя ошибка: {kind}: {detail} (запустите с --debug, чтобы увидеть трассировку стека)"
            ),
            "en": "internal error: {kind}: {detail} (run with --debug for the traceback)",
        },
        "e-interrupted": {"ru": "прервано", "en": "interrupted"},
        "e-stdout": {"ru": "стандартный вывод", "en": "standard output"},
        "e-not-utf8": {"ru": "текст не в кодировке UTF-8", "en": "not UTF-8 text"},
        # click's own usage errors (in English click's words are shown as they are)
        "e-no-option": {"ru": "нет такого параметра: {option}{hint}", "en": "no such option: {option}{hint}"},
        "e-did-you-mean": {
            "ru": " (возможно, имелось в виду {possibilities})",
            "en": " (possible options: {possibilities})",
        },
        "e-missing-argument": {"ru": "не указан аргумент {name}", "en": "missing argument {name}"},
        "e-missing-option": {"ru": "не указан параметр {name}", "en": "missing option {name}"},
        "e-needs-value": {
            "ru": "для параметра {option} нужно значение",
            "en": "option {option} requires an argument",
        },
        "e-takes-no-value": {
            "ru": "параметр {option} не принимает значения",
            "en": "option {option} does not take a value",
        },
        "e-no-command": {"ru": "нет такой команды: {name}{hint}", "en": "no such command {name}{hint}"},
        "e-extra-arguments": {
            "ru": "лишние аргументы: {arguments}",
            "en": "unexpected extra arguments: {arguments}",
        },
        "e-bad-value": {
            "ru": "недопустимое значение {hint}: {detail}",
            "en": "invalid value for {hint}: {detail}",
        },
        "e-bad-given": {
            "ru": "недопустимое значение {hint}: {value}",
            "en": "invalid value for {hint}: {value}",
        },
        "e-bad-unknown": {"ru": "недопустимое значение {hint}", "en": "invalid value for {hint}"},
        "e-allowed": {"ru": "; допустимые значения: {choices}", "en": "; allowed values: {choices}"},
        "e-at-least": {
            "ru": "; нужно целое число не меньше {min}",
            "en": "; a whole number of at least {min} is needed",
        },
        "e-whole-number": {"ru": "; нужно целое число", "en": "; a whole number is needed"},
        "e-flag-value": {"ru": "; нужно true или false", "en": "; true or false is needed"},
        # usage errors of our own
        "e-two-outputs": {
            "ru": (
                "два результата одного запуска направлены в {shown}: укажите для каждого своё место "
                "назначения"
            ),
            "en": "two outputs of one run go to {shown}: give each its own destination",
        },
        "e-report-form": {
            "ru": "{value!r}: нужно FORMAT:FILE, например sarif:results.sarif",
            "en": "{value!r}: expected FORMAT:FILE, e.g. sarif:results.sarif",
        },
        "e-report-format": {
            "ru": "{value!r}: неизвестный формат {fmt!r} (допустимые: {formats})",
            "en": "{value!r}: unknown format {fmt!r} (one of {formats})",
        },
        "e-unknown-rule": {
            "ru": "неизвестное правило {rule!r}{hint}; список правил выводит команда 'etom-check rules'",
            "en": "unknown rule {rule!r}{hint}; 'etom-check rules' lists them",
        },
        "e-no-model": {
            "ru": "модель не указана: назовите её файлы или папки (PATHS) или задайте 'paths' в конфигурации",
            "en": "no model given: name its PATHS (or set 'paths' in the configuration)",
        },
        "e-empty-path": {
            "ru": "{option}: пустой путь не указывает ни на один файл",
            "en": "{option}: an empty path names no file",
        },
        "e-no-crosswalk": {
            "ru": "в наборе правил {standard} нет таблицы соответствия",
            "en": "the rule pack of {standard} has no crosswalk",
        },
        "e-no-release": {
            "ru": "в таблице соответствия нет редакции eTOM {release!r}{hint}; известные редакции: {known}",
            "en": "the crosswalk holds no eTOM release {release!r}{hint}; known: {known}",
        },
        "e-size-zero": {
            "ru": "{value!r} не подходит как размер: нужен хотя бы один байт",
            "en": "{value!r} is not a size: it must be at least 1 byte",
        },
        "e-size": {
            "ru": "{value!r} не является размером (например, 65536, 512K, 64M или 1G)",
            "en": "{value!r} is not a size such as 65536, 512K, 64M or 1G",
        },
        "e-jobs": {
            "ru": "{value!r}: нужно 'auto' или число процессов не меньше 1",
            "en": "{value!r} is not 'auto' or a number of processes (1 or more)",
        },
        # the configuration
        "cfg-missing": {
            "ru": "{file}: файл конфигурации не найден",
            "en": "{file}: no such configuration file",
        },
        "cfg-no-table": {"ru": "{file}: нет таблицы [{section}]", "en": "{file}: no [{section}] table"},
        "cfg-no-section": {"ru": "{file}: нет раздела [{section}]", "en": "{file}: no [{section}] section"},
        "cfg-unreadable": {
            "ru": "{file}: не удаётся прочитать: {reason}",
            "en": "{file}: cannot read: {error}",
        },
        "cfg-toml": {"ru": "{place}: ошибка синтаксиса TOML", "en": "{file}: not valid TOML: {error}"},
        "cfg-ini": {
            "ru": "{place}: ошибка в записи файла конфигурации",
            "en": "{file}: not a valid configuration file: {error}",
        },
        "cfg-not-table": {
            "ru": "{file}: значение [{section}] должно быть таблицей",
            "en": "{file}: [{section}] must be a table",
        },
        "cfg-unknown-key": {
            "ru": "{file}: неизвестный ключ {key!r} (известные ключи: {known})",
            "en": "{file}: unknown key {key!r} (known: {known})",
        },
        "cfg-expected": {
            "ru": "{file}: {key}: ожидается {expected}",
            "en": "{file}: {key}: expected {expected}",
        },
        "cfg-value": {"ru": "{file}: {key}: {detail}", "en": "{file}: {key}: {detail}"},
        "x-list": {"ru": "список строк", "en": "a list of text"},
        "x-flag": {"ru": "true или false", "en": "true or false"},
        "x-path": {"ru": "непустой текст (путь)", "en": "text (a path), not empty"},
        "x-paths": {"ru": "список непустых путей", "en": "a list of paths, none empty"},
        "x-scalar": {"ru": "текст или целое число", "en": "text or a whole number"},
        # the baseline
        "bl-too-large": {
            "ru": "{file}: не удаётся прочитать базовую линию: размер в байтах: {size}, предел: {limit}",
            "en": "{file}: cannot read the baseline: {size} bytes, more than the limit of {limit}",
        },
        "bl-unreadable": {
            "ru": "{file}: не удаётся прочитать базовую линию: {reason}",
            "en": "{file}: cannot read the baseline: {error}",
        },
        "bl-json": {
            "ru": "{file}:{line}:{column}: ошибка синтаксиса JSON",
            "en": "{file}:{line}:{column}: not JSON: {error}",
        },
        "bl-not-baseline": {
            "ru": "{file}: это не базовая линия etom-check (формат {format})",
            "en": "{file}: not an etom-check baseline (format {format})",
        },
        "bl-findings": {
            "ru": "{file}: значение 'findings' должно быть списком",
            "en": "{file}: 'findings' must be a list",
        },
        "bl-entry": {
            "ru": "{file}: в findings[{index}] нужны текстовые значения rule, subject и fingerprint",
            "en": "{file}: findings[{index}] needs text rule, subject and fingerprint",
        },
        # --select and --ignore
        "sel-none": {"ru": "ни одно правило не соответствует {prefix}", "en": "no rule matches {prefix}"},
        # outputs
        "out-model-file": {
            "ru": "{file}: это файл модели, он не перезаписывается",
            "en": "{file}: refusing to overwrite a file of the model",
        },
        "out-folder": {"ru": "{file}: это папка", "en": "{file}: is a folder"},
        "out-below-file": {
            "ru": "{file}: {folder} — это файл, а не папка",
            "en": "{file}: {folder} is a file, not a folder",
        },
        "out-failed": {"ru": "{file}: {reason}", "en": "{file}: {error}"},
        "out-not-folder": {"ru": "{file}: это не папка", "en": "{file}: is not a folder"},
        "out-exists": {
            "ru": "{file}: файл уже существует; init никогда не перезаписывает файлы",
            "en": "{file}: already exists; init never overwrites a file",
        },
        "w-EACCES": {"ru": "нет прав на запись", "en": "permission denied"},
        "w-EPERM": {"ru": "операция не разрешена", "en": "operation not permitted"},
        "w-EROFS": {"ru": "файловая система доступна только для чтения", "en": "read-only file system"},
        "w-ENOSPC": {"ru": "на устройстве не осталось места", "en": "no space left on device"},
        "w-EDQUOT": {"ru": "превышена дисковая квота", "en": "disk quota exceeded"},
        "w-EISDIR": {"ru": "это папка", "en": "is a directory"},
        "w-ENOTDIR": {"ru": "часть пути — не папка", "en": "not a directory"},
        "w-ENOENT": {"ru": "такой папки нет", "en": "no such file or directory"},
        "w-ENAMETOOLONG": {"ru": "слишком длинное имя файла", "en": "file name too long"},
        "w-EIO": {"ru": "ошибка ввода-вывода", "en": "input/output error"},
        # --new-since
        "rev-no-git": {
            "ru": "для --new-since нужен git, а он не установлен (или его нет в PATH)",
            "en": "--new-since needs git, which is not installed (or not on PATH)",
        },
        "rev-no-tree": {
            "ru": "--new-since: {path} не находится в рабочем дереве git",
            "en": "--new-since: {path} is not in a git work tree",
        },
        "rev-outside": {
            "ru": "--new-since: {path} не входит в рабочее дерево {root}",
            "en": "--new-since: {path} is not in the work tree {root}",
        },
        "rev-trees": {
            "ru": "--new-since: пути модели находятся в разных рабочих деревьях git",
            "en": "--new-since: the paths of the model are in different git work trees",
        },
        "rev-unknown": {
            "ru": "--new-since: в {root} нет ревизии {revision!r}",
            "en": "--new-since: unknown revision {revision!r} in {root}",
        },
        "rev-list": {
            "ru": "--new-since: git не может перечислить файлы ревизии {commit} (сообщение git: {said})",
            "en": "--new-since: git cannot list {commit}: {said}",
        },
        "rev-read": {
            "ru": "--new-since: git не может прочитать ревизию {commit} (сообщение git: {said})",
            "en": "--new-since: git cannot read {commit}: {said}",
        },
        # the paths of the model
        "path-too-many": {
            "ru": "{path}: файлов модели больше предела: {limit} (предел задаёт параметр --max-files)",
            "en": "{path}: more than {limit} model files (raise the limit with --max-files)",
        },
        "path-no-yaml": {
            "ru": "{path}: в этой папке нет файлов *.yaml или *.yml{left_out}",
            "en": "{path}: no *.yaml or *.yml files in this folder{left_out}",
        },
        "path-excluded": {"ru": " (остальные исключены)", "en": " (the others are excluded)"},
        "path-missing": {"ru": "{path}: нет такого файла или папки", "en": "{path}: no such file or folder"},
    }
)

# What is wrong in a rule pack, a custom pack (--rules), the catalogue or the crosswalk: each at
# "file:line:column: " (checker.standard.datafiles.PackError).
TERMS.update(
    {
        "pk-cannot-read": {"ru": "не удаётся прочитать: {reason}", "en": "cannot read: {error}"},
        "pk-unreadable": {"ru": "не удаётся прочитать: {detail}", "en": "cannot read: {detail}"},
        "pk-too-large": {
            "ru": "не удаётся прочитать: размер в байтах: {size}, предел: {limit}",
            "en": "cannot read: {size} bytes, more than the limit of {limit}",
        },
        "pk-yaml-syntax": {"ru": "ошибка синтаксиса YAML: {detail}", "en": "YAML syntax error: {detail}"},
        "pk-encoding": {
            "ru": "текст не в кодировке UTF-8 (недопустимый байт {byte})",
            "en": "not UTF-8 (invalid byte {byte})",
        },
        "pk-not-mapping": {"ru": "это не отображение YAML", "en": "not a YAML mapping"},
        "pk-duplicate-key": {
            "ru": "ключ '{key}' повторяется (впервые указан в строке {first_line})",
            "en": "duplicate key '{key}' (first given on line {first_line})",
        },
        "pk-tag": {"ru": "тег YAML {tag} не допускается", "en": "the YAML tag {tag} is not allowed"},
        "pk-file-too-large": {
            "ru": "файл больше предела; предел в байтах: {limit}",
            "en": "larger than {limit} bytes",
        },
        "pk-alias-limit": {
            "ru": "псевдонимы YAML раскрываются в слишком много узлов; предел: {limit}",
            "en": "YAML aliases expand to more than {limit} nodes",
        },
        "pk-too-deep": {
            "ru": "слишком глубокая вложенность; предел уровней: {limit}",
            "en": "nested deeper than {limit} levels",
        },
        "pk-line-too-long": {
            "ru": "строка длиннее предела; предел в символах: {limit}",
            "en": "a line is longer than {limit} characters",
        },
        "pk-too-many-problems": {"ru": "слишком много ошибок", "en": "too many problems"},
        "pk-other": {"ru": "файл не прочитан ({code})", "en": "{code}"},
        "pk-schema": {"ru": "{where}: {detail}", "en": "{where}: {error}"},
        "pk-template": {"ru": "{key}/{lang}: {problem}", "en": "{key}/{lang}: {problem}"},
        "pk-braces": {
            "ru": "недопустимая подстановка: фигурные скобки не парные",
            "en": "bad placeholder: {error}",
        },
        "pk-placeholder": {
            "ru": "подстановка {shown} должна быть простым именем, например {{element}}",
            "en": "placeholder {shown} must be a plain name such as {{element}}",
        },
        "pk-id-file": {
            "ru": "идентификатор правила {id!r} должен совпадать с именем файла",
            "en": "rule id {id!r} must match the file name",
        },
        "pk-repeat": {"ru": "правило {id} повторяет {other}", "en": "rule {id} repeats {other}"},
        "pk-no-pack": {
            "ru": "нет набора правил для стандарта {standard!r}",
            "en": "no rule pack for the standard {standard!r}",
        },
        "pk-exists": {
            "ru": "правило {id} уже есть; чтобы изменить его уровень, используйте overrides",
            "en": "rule {id} already exists; use overrides to change its severity",
        },
        "pk-control": {
            "ru": "правило {id}: в {key}/{lang} есть управляющий или невидимый знак {char}; уберите его",
            "en": "rule {id}: {key}/{lang} holds a control or invisible character {char}; remove it",
        },
        "pk-title-placeholder": {
            "ru": "правило {id}: {key}/{lang} показывается как написано: без {{…}}",
            "en": "rule {id}: {key}/{lang} is shown as written: no {{…}} in it",
        },
        "pk-clause-placeholder": {
            "ru": "правило {id}: в {key}/{lang} можно подставить только {{element}}",
            "en": "rule {id}: {key}/{lang} may name {{element}} only",
        },
        "pk-function-again": {
            "ru": "правило {id} называет функцию {function} дважды",
            "en": "rule {id} names the function {function} twice",
        },
        "pk-kind-fixed": {
            "ru": "правило {id}: правила вида {kind} есть только в поставляемом наборе",
            "en": "rule {id}: rules of the kind {kind} come with the shipped pack only",
        },
        "pk-override-fixed": {
            "ru": (
                "правило {id} говорит, почему файл нельзя использовать, или о непоказанных находках;"
                " его уровень не меняется"
            ),
            "en": (
                "the rule {id} says why a file cannot be used, or notes findings not shown; its"
                " severity is not to be changed"
            ),
        },
        "pk-function-twice": {
            "ru": "правило {id}: функцию {function} уже определяет правило {by}; дайте ей свой id",
            "en": (
                "rule {id}: the function {function} is already defined by the rule {by};"
                " give it an id of its own"
            ),
        },
        "pk-override-unknown": {
            "ru": "в overrides указано правило {id}, которого нет в наборе правил",
            "en": "overrides name the rule {id}, which the pack does not have",
        },
        "pk-unknown-kind": {
            "ru": "правило {id}: неизвестный вид проверки (kind) {kind!r} (известные: {known})",
            "en": "rule {id}: unknown kind {kind!r} (known: {known})",
        },
        "pk-options": {"ru": "правило {id}: {where}: {detail}", "en": "rule {id}: {where}: {error}"},
        "pk-kind-problem": {"ru": "правило {id}: {problem}", "en": "rule {id}: {problem}"},
        "kp-evidence": {
            "ru": "подтверждение {evidence} функции {function} лежит не под {element}",
            "en": "the evidence {evidence} of {function} is not below {element}",
        },
        "kp-not-level-2": {
            "ru": "{element} — не элемент уровня 2: частичная реализация говорится об элементах уровня 2",
            "en": "{element} is no level-2 element: partial coverage is said of level-2 elements",
        },
        "pk-unknown-element": {
            "ru": "правило {id}: элемента {element} нет в каталоге",
            "en": "rule {id}: names {element}, which the catalogue does not know",
        },
        "pk-not-given": {
            "ru": (
                "правило {id}: {key}/{lang} содержит подстановку {{{name}}}, которой вид проверки {kind!r} "
                "не даёт (он даёт: {given})"
            ),
            "en": (
                "rule {id}: {key}/{lang} names {{{name}}}, which kind {kind!r} does not give "
                "(it gives: {given})"
            ),
        },
        "pk-not-filled": {
            "ru": "правило {id}: {key}/{lang} содержит подстановку {{{name}}}, значение которой не передано",
            "en": "rule {id}: {key}/{lang} names {{{name}}}, which was not given",
        },
        # what a schema refuses (the English is jsonschema's own)
        "s-top": {"ru": "(верхний уровень)", "en": "(top)"},
        "s-required": {"ru": "нет обязательного ключа '{name}'", "en": "'{name}' is a required property"},
        "s-unknown-key": {"ru": "неизвестный ключ '{name}'", "en": "unknown key '{name}'"},
        "s-type": {"ru": "ожидается {expected}", "en": "{expected} is expected"},
        "s-pattern": {"ru": "значение не соответствует образцу {pattern}", "en": "does not match {pattern}"},
        # the crosswalk
        "xwe-twice": {"ru": "редакция {release} указана дважды", "en": "release {release} is listed twice"},
        "xwe-names": {
            "ru": "в строке со связью {relation} должны быть указаны id, name и level",
            "en": "a {relation} row names the id, name and level",
        },
        "xwe-deleted-id": {
            "ru": "в строке исключённого элемента (deleted) id не указывается",
            "en": "a deleted row names no id",
        },
        "xwe-level": {"ru": "уровень (level) должен быть не меньше 1", "en": "a level is 1 or more"},
        "xwe-release": {
            "ru": "редакции {release} нет в списке редакций",
            "en": "release {release} is not in the list of releases",
        },
        "xwe-second-row": {
            "ru": "вторая строка для {element} в {release} (первая — строка {first})",
            "en": "a second row for {element} in {release} (the first is row {first})",
        },
        "xwe-count": {
            "ru": "{release}: число строк не совпадает с rows; строк в таблице: {count}",
            "en": "{release} has {count} rows",
        },
        "xwe-complete": {
            "ru": (
                "редакция {release} может быть полной (complete), только если у каждого элемента есть строка"
            ),
            "en": "{release} is complete only if every element has a row",
        },
        "xwe-fallback": {
            "ru": "{fallback} — не полная редакция",
            "en": "{fallback} is not a complete release",
        },
    }
)
