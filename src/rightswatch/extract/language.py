"""A tiny offline language guess: "ko", "en" or None.

Hand-written on purpose: no language detector ships offline in our stack (trafilatura's
optional ``py3langid`` is not installed, fastText/langdetect models are not packages we can
install here), and the pipeline only needs to route English and Korean. It looks at scripts
(Hangul share of letters) and at English function words; anything else is "unknown" (None),
which is better than a confident wrong label.
"""

from __future__ import annotations

import re

__all__ = ["guess_language"]

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")

_EN_STOPWORDS = frozenset(
    """a about after all also an and are as at be been but by can could did do does for from had
    has have he her his i if in into is it its more not of on or our said says she so than that
    the their them there they this to was we were what when which who will with would you""".split()
)

#: Thresholds measured by eye on news text: English prose runs at 35-50 % function words;
#: a list of names or a non-English Latin-script text stays well under 15 %.
_MIN_HANGUL_SHARE = 0.3
_MIN_EN_STOPWORD_SHARE = 0.15
_MIN_WORDS = 5


def guess_language(text: str, *, sample: int = 20_000) -> str | None:
    head = text[:sample]
    letters = len(_LETTER.findall(head))
    if not letters:
        return None
    if len(_HANGUL.findall(head)) / letters >= _MIN_HANGUL_SHARE:
        return "ko"
    words = [w.lower() for w in _WORD.findall(head)]
    if len(words) < _MIN_WORDS:
        return None
    # Latin words must make up most of the letters, or a Cyrillic text quoting English passes.
    if sum(len(w) for w in words) / letters < 0.5:
        return None
    share = sum(1 for w in words if w in _EN_STOPWORDS) / len(words)
    return "en" if share >= _MIN_EN_STOPWORD_SHARE else None
