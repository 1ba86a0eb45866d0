""" "Did you mean": the closest known id, exactly as ``difflib.get_close_matches(word, known, n=1)``
answers, without comparing the word with every id in full.

difflib scores every candidate with three ratios of falling cheapness and rising precision; the
two cheap ones are upper bounds of the precise one and depend only on the candidate's length and
its multiset of characters. Candidates sharing those are scored once, visited by falling bound,
and the search stops when no bound can beat (or tie with) the best precise ratio found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

# how close a word must be to one known id, and to no other as close, to be read as that id
CONFIDENT = 0.8


class Suggester:
    """The known ids, grouped once by (length, characters); :meth:`closest` for each word."""

    def __init__(self, known: Iterable[str], cutoff: float = 0.6) -> None:
        self.cutoff = cutoff
        by_letters: dict[str, list[str]] = {}
        for x in known:
            by_letters.setdefault("".join(sorted(x)), []).append(x)
        self._groups = [
            ((len(letters), tuple(Counter(letters).items())), members)
            for letters, members in by_letters.items()
        ]
        self._cache: dict[str, tuple[float, str | None, bool]] = {}

    def best(self, word: str) -> str | None:
        """The closest known id at or above the cutoff, exactly as difflib answers, or None."""
        return self._scored(word)[1]

    def closest(self, word: str) -> str | None:
        """The closest known id at or above the cutoff, or None; None too when several are as
        close (a hint that may well be wrong is worse than none)."""
        _, best, tied = self._scored(word)
        return None if tied else best

    def confident(self, word: str, threshold: float = CONFIDENT) -> str | None:
        """The closest known id when it is close enough to be read in place of ``word``: at or
        above ``threshold``, and no other id as close."""
        score, best, tied = self._scored(word)
        return best if best is not None and score >= threshold and not tied else None

    def _scored(self, word: str) -> tuple[float, str | None, bool]:
        if word not in self._cache:
            self._cache[word] = self._search(word)
        return self._cache[word]

    def _search(self, word: str) -> tuple[float, str | None, bool]:
        cutoff, lb = self.cutoff, len(word)
        counts = Counter(word)
        bounded: list[tuple[float, list[str]]] = []
        for (la, signature), members in self._groups:
            total = la + lb
            if total and 2.0 * min(la, lb) / total < cutoff:  # real_quick_ratio
                continue
            matches = sum(min(n, counts[c]) for c, n in signature if c in counts)
            bound = 2.0 * matches / total if total else 1.0  # quick_ratio, as difflib has it
            if bound >= cutoff:
                bounded.append((bound, members))
        bounded.sort(key=lambda pair: pair[0], reverse=True)
        from difflib import SequenceMatcher  # here: only a word that is not known needs it

        matcher = SequenceMatcher()
        matcher.set_seq2(word)
        best: tuple[float, str] | None = None
        tied = False
        for bound, members in bounded:
            if best is not None and bound < best[0]:
                break
            for x in members:
                matcher.set_seq1(x)
                score = matcher.ratio()
                if score < cutoff:
                    continue
                if best is not None and score == best[0]:
                    tied = True
                if best is None or (score, x) > best:
                    tied = tied and best is not None and score == best[0]
                    best = (score, x)
        return (best[0], best[1], tied) if best else (0.0, None, False)


def transposed(word: str, known: Iterable[str]) -> str | None:
    """The one known word that ``word`` is with two neighbouring letters swapped (``etmo`` for
    ``etom``: too short for a ratio to be sure of it, but as plain a slip as there is), or None."""
    found = [
        k
        for k in known
        if len(k) == len(word)
        and len(diff := [i for i, (a, b) in enumerate(zip(k, word, strict=True)) if a != b]) == 2
        and diff[1] == diff[0] + 1
        and k[diff[0]] == word[diff[1]]
        and k[diff[1]] == word[diff[0]]
    ]
    return found[0] if len(found) == 1 else None


class Suggesters:
    """Suggesters by name, each made once for its known ids (and made again when they change):
    the pass that reads ids as meant and the kinds that suggest ask the same questions."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[frozenset[str], Suggester]] = {}

    def get(self, name: str, known: Iterable[str]) -> Suggester:
        ids = frozenset(known)
        found = self._made.get(name)
        if found is None or found[0] != ids:
            found = self._made[name] = (ids, Suggester(sorted(ids)))
        return found[1]


def _segment_distance(a: list[str], b: list[str]) -> int:
    """Edit distance counted in whole dot-separated parts (``1.1.12`` is one part away from
    ``1.1.1.12``: a part left out, not two characters)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def closest_element(word: str, known: Iterable[str], prefer: str = "1.1.1") -> str | None:
    """The known eTOM element id one part away from ``word`` (a part left out, added or
    mistyped: ``1.1.12`` for ``1.1.1.12``), fewest characters away, preferring the elements below
    ``prefer`` (CRM, which the standard is about). None when no id is that close, or when several
    are equally close: a hint that may well be wrong is worse than none."""
    parts = word.split(".")
    candidates = [k for k in known if _segment_distance(parts, k.split(".")) == 1]
    if not candidates:
        return None
    distance = {k: _levenshtein(word, k) for k in candidates}
    best = min(distance.values())
    nearest = [k for k in candidates if distance[k] == best]
    preferred = [k for k in nearest if k.startswith(prefer + ".")]
    pool = preferred or nearest
    return pool[0] if len(pool) == 1 else None
