"""Incident triggers: predicates that name a violation, and whether the text asserts them.

Triggers come from the codebook (general) and the domain profile (additions). A trigger is a lemma
sequence; a trailing ``*`` matches any ending. Whether a matched predicate is *asserted* is decided
on the dependency parse, because news copy is full of violations that did not happen:

* modal or conditional: "could be repatriated", "if I'm caught", "unless they keep a low profile";
* the content of a fear, risk, threat or warning: "fears of forced repatriation", "threaten me with
  repatriation" (the threat is the incident, its content is not);
* demands and policy debate: a sentence whose main verb is an appeal ("have called on the Chinese
  government to ...") reports advocacy, not an event;
* negation: "I haven't been repatriated".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from rightswatch.analyse.codebook import Codebook
from rightswatch.analyse.profile import Profile

__all__ = ["Trigger", "TriggerFinder", "WEAK_TRIGGERS"]

# Triggers too common in other senses to stand alone: they need a human victim argument.
WEAK_TRIGGERS = frozenset(
    {
        "hold", "catch", "caught", "watch", "track", "tail", "fire", "question", "charge", "search",
        "target", "sell", "sold", "cross", "crossing", "die", "death", "dead", "attack", "pressure",
        "warn", "warning", "summon", "ban", "block", "deny", "dismiss", "suspend", "revoke", "seize",
        "confiscate", "investigate", "sue", "beat", "abuse", "fine", "sentence", "monitor", "escape",
        "flee", "hand over", "expel", "traffic", "smuggle", "spy", "missing", "inspect", "inspection",
        "mobilize", "mobilise", "punish", "punishment", "custody", "crackdown", "crack down", "return",
        "injure", "wound", "assault", "raid", "evict", "shut down", "censor", "interrogate", "threat",
        "round up", "lock up", "remand", "execution", "execute", "unpaid", "kick", "punch", "slap",
    }
)
# Incident types where an attempt is itself the event.
_ATTEMPTS_COUNT = frozenset({"border_crossing_defection"})
# Modifiers that make a trigger noun a possibility ("potential repatriation").
_HEDGE_MODIFIERS = frozenset({"potential", "possible", "likely", "imminent", "future", "planned", "threatened", "feared"})


@dataclass(frozen=True, slots=True)
class Trigger:
    label: str
    start: int  # token index of the first token
    end: int  # token index after the last token
    head_i: int  # the predicate token
    phrase: str  # the lexicon entry that matched
    weak: bool
    asserted: bool
    reason: str  # why not asserted ("" when asserted)
    #: Only an incident when a victim of one of these types is the patient (profile victim_triggers).
    victim_types: frozenset[str] | None = None


def _compile(entries: dict[str, list[str]]) -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for label, phrases in entries.items():
        for phrase in phrases:
            parts = tuple(phrase.split())
            key = parts[0].rstrip("*")
            index.setdefault(key, []).append((parts, label, phrase))
    return index


def _tok_matches(tok: Token, part: str) -> bool:
    if part.endswith("*"):
        stem = part[:-1]
        return tok.lower_.startswith(stem) or tok.lemma_.lower().startswith(stem)
    return tok.lower_ == part or tok.lemma_.lower() == part


class TriggerFinder:
    def __init__(self, codebook: Codebook, profile: Profile) -> None:
        entries: dict[str, list[str]] = {}
        for t in codebook.incident_types:
            entries.setdefault(t.label, []).extend(t.triggers)
        for label, extra in profile.triggers.items():
            entries.setdefault(label, []).extend(extra)
        self.index = _compile({k: list(dict.fromkeys(v)) for k, v in entries.items()})
        self.profile = profile
        self.constrained: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for vt in profile.victim_triggers:
            for lemma in vt.lemmas:
                self.constrained.setdefault(lemma, []).append((vt.label, vt.victim_types))

    def __call__(self, doc: Doc) -> list[Trigger]:
        found: list[Trigger] = []
        seen: set[tuple[int, str]] = set()
        for tok in doc:
            if not tok.is_alpha:
                continue
            candidates = self.index.get(tok.lemma_.lower(), []) + self.index.get(tok.lower_, [])
            for parts, label, phrase in candidates:
                n = len(parts)
                if tok.i + n > len(doc):
                    continue
                if not all(_tok_matches(doc[tok.i + k], parts[k]) for k in range(n)):
                    continue
                if (tok.i, label) in seen:
                    continue
                seen.add((tok.i, label))
                head = tok if tok.pos_ in ("VERB", "NOUN", "ADJ", "AUX") else doc[tok.i + n - 1]
                reason = self._not_asserted(head, phrase, label)
                weak = phrase in WEAK_TRIGGERS or tok.lemma_.lower() in WEAK_TRIGGERS
                found.append(Trigger(label, tok.i, tok.i + n, head.i, phrase, weak, reason == "", reason))
        for tok in doc:
            for label, types in self.constrained.get(tok.lemma_.lower(), ()):
                if (tok.i, label) in seen or tok.pos_ != "VERB":
                    continue
                seen.add((tok.i, label))
                reason = self._not_asserted(tok, tok.lemma_.lower(), label)
                found.append(Trigger(label, tok.i, tok.i + 1, tok.i, tok.lemma_.lower(), True, reason == "", reason, types))
        return found

    # -- assertion ------------------------------------------------------------------------
    def _not_asserted(self, tok: Token, phrase: str = "", label: str = "") -> str:
        p = self.profile
        if tok.pos_ not in ("VERB", "NOUN", "ADJ", "AUX", "PROPN"):
            return "not-a-predicate"
        sent_root = tok.sent.root
        # advocacy / policy debate: the sentence's main verb is an appeal
        for verb in [sent_root, *[c for c in sent_root.children if c.dep_ == "conj"]]:
            if verb.lemma_.lower() in p.demands and verb.pos_ == "VERB" and verb is not tok:
                return "demand"
        for child in tok.children:
            if child.dep_ == "amod" and child.lemma_.lower() in _HEDGE_MODIFIERS:
                return f"hedged-by-{child.lower_}"
            if child.dep_ == "prt" and len(phrase.split()) == 1 and tok.pos_ == "VERB":
                return "phrasal-verb"  # "held off a challenger", "caught up with"
        node: Token | None = tok
        depth = 0
        inherit = True  # whether this node's own auxiliaries/negation apply to the trigger
        while node is not None and depth < 8:
            for child in (node.children if inherit else ()):
                low = child.lower_
                if child.dep_ in ("aux", "auxpass") and low in p.modals:
                    return "modal"
                if child.dep_ == "neg" or (child.dep_ == "det" and low in p.negations):
                    return "negated"
                if child.dep_ == "advmod" and low in p.habituals:
                    return "generic"  # "returnees are usually sent to a labour camp"
                if child.dep_ == "mark" and low in p.conditionals:
                    return "conditional"
                if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in p.conditionals for g in child.children):
                    if node is not tok or depth == 0:
                        return "conditional"
            head = node.head
            if head is node:
                break
            # the complement of a hedge word is not asserted
            if node is not tok or depth == 0:
                if head.lemma_.lower() in p.hedges and head is not tok and node.dep_ in (
                    "pobj", "pcomp", "xcomp", "ccomp", "dobj", "acl", "prep", "amod", "compound", "nsubjpass", "attr", "appos",
                ):
                    hedge = head.lemma_.lower()
                    if hedge in ("try", "attempt", "plan", "seek") and label in _ATTEMPTS_COUNT:
                        pass  # an attempted crossing is a crossing event (codebook: "whether or not they succeed")
                    elif hedge == "face" and (node.dep_ != "dobj" or tok.lemma_.lower() in ("threat", "surveillance", "harassment", "pressure")):
                        pass  # "face arrest" hedges; "face threats/surveillance" asserts them
                    else:
                        return f"complement-of-{hedge}"
                if head.lemma_.lower() in p.demands and node.dep_ in ("xcomp", "ccomp", "dobj", "pobj"):
                    return "demand"
            # stop climbing at the clause boundary of a finite verb that is itself a trigger's host
            if node.dep_ in ("ROOT",):
                break
            if node.dep_ in ("relcl",):
                break
            # a conjunct shares its head's modality only when it has the same verb form
            # ("could be arrested and jailed"), not when it is a clause of its own
            # ("I haven't been repatriated and [they] warn me")
            # a clausal complement has its own modality ("They say [she was arrested]")
            inherit = not ((node.dep_ == "conj" and node.tag_ != head.tag_) or node.dep_ == "ccomp")
            node = head
            depth += 1
        return ""
