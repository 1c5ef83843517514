"""Memoised stand-ins for spaCy's rule-based attribute ruler and lemmatizer (issue 3, throughput).

en_core_web_sm's ``attribute_ruler`` runs a Matcher of 179 patterns over every token and its
``lemmatizer`` walks suffix rules in Python; together they cost about as much as the parser. Both
are functions of a few token attributes, so their answers are computed once per distinct key and
reused; the annotations are byte for byte those of the originals (tests/test_rule_memo.py):

* the ruler's single-token patterns read only the tag, the dependency label and the lower-case form
  (literal, ``IN``/``NOT_IN`` lists, ``REGEX``) or ``IS_SPACE`` of the token. The key is (tag, dep,
  is_space, lower form), where every lower form no pattern names or matches is one class. Matches
  of the few multi-token patterns ("gon na", "let 's") come from a Matcher holding only those; all
  matches are then applied by the original ruler's own ``set_annotations``, in its order.
* the lemmatizer's answer depends only on (orth, pos, morph); spaCy caches some of its answers but
  not the early returns (base forms, punctuation), which are most tokens.

Anything the memo cannot prove equivalent (an operator or attribute it does not know) makes it hand
every Doc to the original component.
"""

from __future__ import annotations

import re

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

__all__ = ["MemoAttributeRuler", "MemoLemmatizer", "memoise_rules"]

# What a single-token pattern may test for the (tag, dep, is_space, lower class) key to decide it.
_KEYED = frozenset({"TAG", "DEP", "IS_SPACE", "LOWER"})
_OTHER = "\x00other"  # the lower-case class of words no pattern names


class MemoAttributeRuler:
    def __init__(self, ruler) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.multi = Matcher(ruler.vocab)
        self.named: set[str] = set()  # lower-case forms single-token patterns name
        self.regexes: list[re.Pattern[str]] = []
        self.usable = True
        for i in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(i))
            multi = [p for p in patterns if len(p) != 1]
            if multi:
                self.multi.add(str(i), multi)
            for pattern in patterns:
                for spec in pattern:
                    if "OP" in spec or (len(pattern) == 1 and not set(spec) <= _KEYED):
                        self.usable = False
                    if len(pattern) == 1 and "LOWER" in spec:
                        self._learn_lower(spec["LOWER"])
        self.cache: dict[tuple[int, int, int, str], list[tuple[int, int]]] = {}
        self.lower_class: dict[int, str] = {}

    def _learn_lower(self, test: object) -> None:
        if isinstance(test, str):
            self.named.add(test)
        elif isinstance(test, dict) and set(test) <= {"IN", "NOT_IN", "REGEX"}:
            for key in ("IN", "NOT_IN"):
                self.named.update(test.get(key, ()))
            if "REGEX" in test:
                self.regexes.append(re.compile(test["REGEX"]))
        else:
            self.usable = False

    def _class_of(self, lower: int) -> str:
        """The lower-case form itself when a pattern can tell it apart, else the shared class."""
        got = self.lower_class.get(lower)
        if got is None:
            text = self.vocab.strings[lower]
            got = text if text in self.named or any(r.search(text) for r in self.regexes) else _OTHER
            self.lower_class[lower] = got
        return got

    def _single_matches(self, doc: Doc, i: int, key: tuple[int, int, int, str]) -> list[tuple[int, int]]:
        """(attr id, match id) of the single-token patterns matching token ``i``, from the original
        ruler run on a Doc of that one token (multi-token patterns cannot match one token)."""
        tok = doc[i]
        one = Doc(self.vocab, words=[tok.text], spaces=[False], tags=[tok.tag_], deps=[tok.dep_], heads=[0])
        found = [(attr_id, match_id) for attr_id, match_id, _, _ in self.ruler.match(one)]
        self.cache[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not self.usable:
            return self.ruler(doc)
        rows = doc.to_array([TAG, DEP, IS_SPACE, LOWER]).tolist()
        matches = []
        cache = self.cache
        for i, (tag, dep, space, lower) in enumerate(rows):
            key = (tag, dep, space, self._class_of(lower))
            found = cache.get(key)
            if found is None:
                found = self._single_matches(doc, i, key)
            matches.extend((attr_id, match_id, i, i + 1) for attr_id, match_id in found)
        if len(self.multi):
            matches.extend((int(self.vocab.strings[m]), m, s, e) for m, s, e in self.multi(doc, allow_missing=True))
        matches.sort()
        self.ruler.set_annotations(doc, matches)
        return doc


class MemoLemmatizer:
    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.overwrite = lemmatizer.overwrite
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        cache = self.cache
        strings = doc.vocab.strings
        for token in doc:
            if self.overwrite or token.lemma == 0:
                key = (token.orth, token.pos, token.morph.key)
                lemma = cache.get(key)
                if lemma is None:
                    lemma = cache[key] = strings.add(self.lemmatizer.lemmatize(token)[0])
                token.lemma = lemma
        return doc


@Language.factory("rw_attribute_ruler", assigns=["token.pos", "token.morph", "token.lemma"], requires=["token.tag", "token.dep"])
def make_attribute_ruler(nlp: Language, name: str) -> MemoAttributeRuler:
    return MemoAttributeRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory("rw_lemmatizer", assigns=["token.lemma"], requires=["token.pos"])
def make_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.get_pipe("lemmatizer"))


def memoise_rules(nlp: Language) -> None:
    """Put the memoised ruler and lemmatizer in place of spaCy's (which stay, disabled, as their
    source of answers). A pipeline without them is left as it is."""
    for original, memo in (("attribute_ruler", "rw_attribute_ruler"), ("lemmatizer", "rw_lemmatizer")):
        if original in nlp.pipe_names:
            nlp.add_pipe(memo, after=original)
            nlp.disable_pipe(original)
