"""Indonesian text analysis shared by the database back ends, at index and at query time.

PostgreSQL's built-in `indonesian` configuration has no stopword list and does not join
`pegawai` and `kepegawaian`; SQLite FTS5 has no Indonesian stemmer at all. So text is
analysed here with the Sastrawi algorithm (Nazief–Adriani, PySastrawi) and its stopword
list, stored as space-separated stems, and the databases index those with a plain
tokenizer (`simple` / `unicode61`). Query words go through the same function, so both
sides always agree. Snippets are highlighted here too, by stem, so that a search for
`pegawai` marks `kepegawaian` in the original text.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
QUOTED_RE = re.compile(r'"([^"]*)"?')
NIP_QUERY_RE = re.compile(r"[\d\s.\-]+")


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # The plain stemmer under Sastrawi's cache: stem() below caches per word itself.
    return StemmerFactory().create_stemmer().delegatedStemmer


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words())


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """The stem of one lower-case word; numbers and short tokens stay as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stemmer().stem(word) or word


def words(text: str) -> list[str]:
    return WORD_RE.findall(text.lower())


def analyze(text: str) -> list[str]:
    """Lower-case, split, drop stopwords, stem: the tokens that are indexed and searched."""
    stop = stopwords()
    return [stem(w) for w in words(text) if w not in stop]


def analyzed(text: str) -> str:
    return " ".join(analyze(text))


@dataclass(frozen=True)
class ParsedQuery:
    """A user's `q`, read once and used by every back end.

    Matching: all `terms` and all `phrases` in the text or title (AND), OR the name
    matches `name` despite typos, OR the NIP starts with `nip_prefix`.
    """

    raw: str = ""
    terms: tuple[str, ...] = ()  # stems
    phrases: tuple[tuple[str, ...], ...] = ()  # stem sequences, in order
    plain_words: tuple[str, ...] = ()  # the unquoted words as typed (for analyzers that stem themselves)
    plain_phrases: tuple[str, ...] = ()
    name: str = ""  # the unquoted words, for the typo-tolerant name match
    nip_prefix: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases or self.name or self.nip_prefix)

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(self.terms) | frozenset(s for p in self.phrases for s in p)


def parse_query(q: str) -> ParsedQuery:
    q = (q or "").strip()
    if not q:
        return ParsedQuery()
    if NIP_QUERY_RE.fullmatch(q):
        digits = re.sub(r"\D", "", q)
        if 4 <= len(digits) <= 18:
            return ParsedQuery(raw=q, terms=(digits,), plain_words=(digits,), nip_prefix=digits)
    phrases, plain_phrases = [], []
    for quoted in QUOTED_RE.findall(q):
        tokens = tuple(analyze(quoted))
        if len(tokens) > 1:
            phrases.append(tokens)
            plain_phrases.append(quoted.strip())
        elif tokens:  # a quoted single word is just a word
            q = q + " " + quoted
    rest = QUOTED_RE.sub(" ", q)
    plain = tuple(w for w in words(rest) if w not in stopwords())
    terms = tuple(dict.fromkeys(stem(w) for w in plain))
    name_words = [w for w in words(rest) if w.isalpha()]
    name = " ".join(name_words) if sum(len(w) for w in name_words) >= 3 else ""
    return ParsedQuery(raw=q, terms=terms, phrases=tuple(phrases), plain_words=plain,
                       plain_phrases=tuple(plain_phrases), name=name)


# --- Names tolerant of typos (the SQLite back end; PostgreSQL uses pg_trgm the same way).

def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def name_similarity(query: str, name: str) -> float:
    """Like pg_trgm's word_similarity: the share of the query's trigrams found in the name."""
    q_tri = set().union(*(_trigrams(w) for w in words(query)))
    if not q_tri:
        return 0.0
    n_tri = set().union(*(_trigrams(w) for w in words(name)))
    return len(q_tri & n_tri) / len(q_tri)


NAME_SIMILARITY_THRESHOLD = 0.6  # pg_trgm.word_similarity_threshold's default


# --- Snippets

@dataclass(frozen=True)
class Highlighter:
    """Makes an HTML-safe snippet of a text around the densest run of words whose stem was
    searched for, those words wrapped in <mark>."""

    stems: frozenset[str]
    before: str = "<mark>"
    after: str = "</mark>"
    window: int = 30  # words in a snippet
    max_chars: int = 20_000  # look no further into very long texts

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        text = text[: self.max_chars]
        stop, stems = stopwords(), self.stems
        spans, hits = [], []
        for m in WORD_RE.finditer(text):
            w = m.group().lower()
            if stems and w not in stop and stem(w) in stems:
                hits.append(len(spans))
            spans.append(m.span())
            if hits and len(spans) - hits[0] > 4 * self.window:
                break  # the window is sought near the first match; no need to read on
        if not spans:
            return _squeeze(html.escape(text[:240]))
        if not hits:
            end = spans[min(self.window, len(spans)) - 1][1]
            return _squeeze(html.escape(text[:end]) + (" …" if len(spans) > self.window else ""))
        hits = [h for h in hits if h < hits[0] + 3 * self.window]
        best_start, best_count, j = hits[0], 0, 0
        for i, h in enumerate(hits):
            while hits[j] < h - self.window + 1:
                j += 1
            if i - j + 1 > best_count:
                best_count, best_start = i - j + 1, hits[j]
        lo = max(0, best_start - 5)
        hi = min(len(spans), lo + self.window)
        hit_set = set(hits)
        out = ["… " if lo > 0 else ""]
        pos = spans[lo][0]
        for k in range(lo, hi):
            start, end = spans[k]
            out.append(html.escape(text[pos:start]))
            piece = html.escape(text[start:end])
            out.append(f"{self.before}{piece}{self.after}" if k in hit_set else piece)
            pos = end
        out.append(" …" if hi < len(spans) or spans[-1][1] < len(text.rstrip()) else "")
        return _squeeze("".join(out))


def _squeeze(snippet: str) -> str:
    return re.sub(r"\s+", " ", snippet).strip()
