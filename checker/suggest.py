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
from difflib import SequenceMatcher


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
        self._cache: dict[str, str | None] = {}

    def closest(self, word: str) -> str | None:
        if word not in self._cache:
            self._cache[word] = self._search(word)
        return self._cache[word]

    def _search(self, word: str) -> str | None:
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
        matcher = SequenceMatcher()
        matcher.set_seq2(word)
        best: tuple[float, str] | None = None
        for bound, members in bounded:
            if best is not None and bound < best[0]:
                break
            for x in members:
                matcher.set_seq1(x)
                score = matcher.ratio()
                if score >= cutoff and (best is None or (score, x) > best):
                    best = (score, x)
        return best[1] if best else None
