"""Reading the dependency parse for incidents: who a quantity counts, who does an infinitive's
action, which predicates are told as one moment, which mentions refer back, whether a telling
is addressed to someone. Pure functions of spaCy tokens, used by ``analyse.incidents``.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

__all__ = [
    "addressed", "anaphoric", "clause_of", "controller", "described_noun", "modal_consequence", "other_clause",
    "partitive_of", "related_predicates", "simultaneous", "spectators",
]

# Nouns that count or group people ("a group of nine defectors", "thousands of workers", "many of them").
_QUANTITY_HEADS = {
    "group", "groups", "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "score", "scores",
    "many", "some", "most", "all", "several", "number", "batch", "majority", "few", "handful", "none", "each",
    "any", "rest", "half", "total", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
}


def controller(verb: Token) -> Token | None:
    """Who does an infinitive's action: "they tried to cross" -> they; "women trying to cross" -> women."""
    if verb.dep_ != "xcomp":
        return None
    gov = verb.head
    subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
    if subj is not None:
        return subj
    if gov.dep_ == "acl":
        return gov.head
    return None


def described_noun(clause: Token) -> Token:
    """The noun a relative clause describes: its head, except a group's size ("a family of four who
    were caught": the family, not "four", which the parse often takes as the head)."""
    host = clause.head
    if host.pos_ == "NUM" and host.dep_ == "pobj" and host.head.lower_ == "of" and host.head.head.pos_ == "NOUN":
        return host.head.head
    return host


def partitive_of(tok: Token) -> Token | None:
    """The people a quantity word counts: "group" in "a group of nine defectors" -> "defectors"."""
    if tok.lower_ not in _QUANTITY_HEADS and tok.pos_ != "NUM":
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


_DEFINITE = {"the", "this", "that", "these", "those"}


def anaphoric(tok: Token) -> bool:
    """A trigger that refers back to an incident already told: a definite noun with no argument of
    its own ("the inspection", "the forced repatriation took place") or a participle on a
    demonstrative ("many of those sent back")."""
    if tok.pos_ == "NOUN":
        while tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head  # "the labor training camp": the phrase's head noun carries the article
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)
        own_args = any(
            c.dep_ in ("poss", "nummod", "acl", "relcl") or (c.dep_ == "prep" and c.lower_ in ("of", "by", "against", "on"))
            for c in tok.children
        )
        return definite and not own_args
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return tok.head.lower_ in ("those", "these")
    return False


def other_clause(span: SpacySpan, trig: Token, related: set[int]) -> bool:
    """Whether a time sits in a subordinate clause of its own verb that the trigger is not part of."""
    clause = clause_of(span.root)
    if clause.pos_ not in ("VERB", "AUX") or clause.dep_ not in ("advcl", "relcl", "acl", "ccomp") or clause.i in related:
        return False
    return not any(t.i == trig.i for t in clause.subtree)


def clause_of(tok: Token) -> Token:
    """The predicate a time expression modifies: the first verb above it (or a noun it hangs on)."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return node
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return node


_SIMULTANEOUS = {"when", "while", "as", "whilst"}


# Purposes that make a mobilised crowd an audience.
_AUDIENCE = {"watch", "attend", "witness", "see", "view", "cheer", "applaud", "greet", "listen", "observe", "celebrate", "welcome"}


def spectators(tok: Token) -> bool:
    """ "3,000 residents were mobilized to watch": a crowd brought to see, not to work."""
    if tok.lemma_.lower() not in ("mobilize", "mobilise"):
        return False
    purposes = [c for c in tok.children if c.dep_ in ("xcomp", "advcl")]
    purposes += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ in ("pobj", "pcomp")]
    return any(p.lemma_.lower() in _AUDIENCE for p in purposes)


def modal_consequence(tok: Token) -> bool:
    """ "... would suffer" under an if/unless clause: the consequence of a condition."""
    modal = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "might", "may", "shall") for c in tok.children)
    cond = any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children) for c in tok.children)
    return modal and cond


def addressed(verb: Token) -> bool:
    """Whether a telling verb has an addressee: "told them", "they were told", "warned to workers"."""
    for c in verb.children:
        if c.dep_ in ("dobj", "iobj", "nsubjpass", "dative"):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children):
            return True
    return False


def related_predicates(tok: Token) -> set[int]:
    """Predicates told as the same moment as a trigger: its host verb (for a noun trigger, the verb
    it is the object of), that verb's conjuncts, and a when/while/as clause with its main clause."""
    host = tok
    for _ in range(4):
        if host.pos_ in ("VERB", "AUX") or host.head.i == host.i:
            break
        # an object's verb tells when it happened ("held a public trial"); a subject's does not
        # ("his arrest comes amid a crackdown")
        if host.dep_ not in ("dobj", "pobj", "prep", "attr", "compound", "amod", "npadvmod", "oprd"):
            break
        host = host.head
    related = {tok.i, host.i}
    top = host
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
        related.add(top.i)
    stack = [top]
    while stack:  # the whole coordination: "arrested ..., beat ... and sent ..."
        node = stack.pop()
        for c in node.children:
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i not in related:
                related.add(c.i)
                stack.append(c)
            elif c.dep_ == "conj" and c.i == host.i:
                stack.append(c)
    for i in list(related):
        # "caught two women trying to cross": what the object was doing at the time
        for arg in tok.doc[i].children:
            if arg.dep_ in ("dobj", "nsubjpass"):
                for acl in arg.children:
                    if acl.dep_ == "acl" and acl.tag_ == "VBG":
                        related.add(acl.i)
                        related.update(c.i for c in acl.children if c.dep_ == "xcomp")
    for i in list(related):
        node = tok.doc[i]
        if node.dep_ == "advcl" and simultaneous(node):
            related.add(node.head.i)
        for c in node.children:
            if c.dep_ == "advcl" and simultaneous(c):
                related.add(c.i)
    return related


def simultaneous(clause: Token) -> bool:
    """ "when/while/as ..." or a bare participle ("went from house to house, inspecting phones")."""
    marks = [c for c in clause.children if c.dep_ in ("advmod", "mark") and c.tag_ in ("WRB", "IN")]
    if any(c.lower_ in _SIMULTANEOUS for c in marks):
        return True
    return clause.tag_ == "VBG" and not any(c.dep_ == "mark" for c in clause.children)
