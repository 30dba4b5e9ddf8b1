"""Words a public report can be found by, and the words of a search.

Whole words, case and accents ignored ("Puskesmas", "puskésmas" and "PUSKESMAS" are one);
words shorter than three letters and the commonest Indonesian and English words are left out,
since a search for "yang" would match everything. A report is indexed by the distinct words
of its title and then its description, at most ``MAX_TERMS`` of them: the words that open a
complaint name its subject, and each indexed word is one write when the report goes public.
"""

from __future__ import annotations

import re
import unicodedata

from chalicelib.domain.report import Report

MAX_TERMS = 40
# (words to add, words to remove) for one report
IndexChange = tuple[tuple[str, ...], tuple[str, ...]]
NO_INDEX_CHANGE: IndexChange = ((), ())
MIN_LENGTH = 3
_WORD = re.compile(r"[^\W_]+")
_STOP_WORDS = """
    yang dan di ke dari untuk dengan pada ini itu ada tidak sudah akan juga atau karena oleh
    dalam kami saya kita mereka anda bapak ibu para sangat lebih telah masih belum bisa dapat
    hal agar supaya namun tetapi tapi jika kalau saat setelah sebelum sejak sampai hingga
    adalah yaitu serta sehingga bagi tersebut tolong mohon terima kasih banyak
    the and for with from that this are was were have has not but you your our they them
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [w for w in _WORD.findall(plain) if len(w) >= MIN_LENGTH and w not in STOP_WORDS]


def report_terms(title: str, description: str) -> tuple[str, ...]:
    """The words a report is indexed by: distinct, title first, at most MAX_TERMS."""
    return tuple(dict.fromkeys(_words(title) + _words(description)))[:MAX_TERMS]


def query_terms(text: str) -> tuple[str, ...]:
    """The words of a search, distinct; empty when none can be searched for."""
    return tuple(dict.fromkeys(_words(text)))


def leading_term(terms: tuple[str, ...]) -> str:
    """The word whose list is read: the longest, as long words are the rarest."""
    return max(terms, key=lambda term: (len(term), term))


def index_change(before: Report | None, after: Report) -> IndexChange:
    """A report is indexed while it is public, so only a
    step that shows it or takes it out of view changes the index (its text never changes)."""
    was = before is not None and before.public
    if after.public and not was:
        return report_terms(after.title, after.description), ()
    if was and not after.public:
        return (), report_terms(after.title, after.description)
    return NO_INDEX_CHANGE
