"""Threats told as a punishment to come: the telling is the incident, the punishment is not.

"They were told that if they complained, their families would be punished" (a conditional threat),
"the commander told them that anyone seen near the river would be shot" (an announced rule) and
"agents told the family to stop speaking to journalists" (an order to keep silent) each add a
threat_intimidation trigger on the telling verb.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.symbols import AUX, VERB
from spacy.tokens import Token

from rightswatch.analyse.incident_filters import inanimate_object, not_an_act
from rightswatch.analyse.incident_participants import as_actor
from rightswatch.analyse.syntax import addressed, modal_consequence
from rightswatch.analyse.triggers import Trigger

if TYPE_CHECKING:
    from rightswatch.analyse.incident_context import IncidentContext

__all__ = ["announced_consequences", "announced_rules", "conditional_threats", "silencing_orders", "spoken_threats"]

# Verbs that deliver a threat when what they say is a conditional punishment.
_THREAT_SPEECH = {"tell", "warn", "remind", "inform", "order", "threaten", "caution"}
# What a conditional warning promises when it names no violation: "their families would suffer".
_HARMS = {"suffer", "pay", "regret", "lose", "die", "disappear", "vanish", "hurt", "harm", "starve"}
_FREE_CHOICE = frozenset({"anyone", "anybody", "whoever", "everyone", "everybody"})
# A telling verb under one of these is what the threatened must not do ("if they told anyone").
_CONDITION_MARKS = frozenset({"if", "unless", "lest"})


def _free_choice_phrase(tok: Token) -> bool:
    """ "anyone (seen near the river)", "whoever helps them", "the families of anyone who tries",
    "those who help": a subject that picks out whoever does something."""
    if tok.lower_ in _FREE_CHOICE:
        return True
    if tok.lower_ == "those" and any(c.dep_ in ("relcl", "acl") for c in tok.children):
        return True
    return any(
        p.dep_ == "prep" and p.lower_ == "of" and any(g.dep_ == "pobj" and g.lower_ in _FREE_CHOICE for g in p.children)
        for p in tok.children
    )


def _said_by_actor(ctx: IncidentContext, verb: Token, harm: Token) -> bool:
    """ "The police said that if I left the village they would send me back", "an MSS officer
    warned that anyone caught would be sent to a camp": a conditional harm said by someone who
    can do it (an actor, not a witness or an analyst) is told as a threat.
    Not an attribution after the words ("'If they are caught, they will be punished,' he said"):
    that reports what an official expects."""
    if verb.lemma_.lower() not in ("say", "warn", "threaten") or verb.i > harm.i:
        return False
    return any(c.dep_ == "nsubj" and as_actor(ctx, c) is not None for c in verb.children)


def _asked(verb: Token) -> bool:
    """An indirect question ("refused to tell the family whether she is still held there"): what
    is not told, not a punishment promised."""
    return any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children)


def conditional_threats(ctx: IncidentContext, triggers: list[Trigger]) -> list[Trigger]:
    """ "They were told that if they complained, their families would be punished": the
    punishment is not an incident, the telling is a threat. For every violation left
    unasserted as a possibility (or a harm: "their families would suffer"), a threat on the
    telling verb that governs it, when the telling has someone it is addressed to ("activists
    warned that returnees could face torture" is a prediction, not a threat)."""
    doc = ctx.doc
    out: list[Trigger] = []
    # a weak "warned" (it needs a victim) gives way to the threat its content makes of it
    taken = {t.head_i for t in triggers if t.label == "threat_intimidation" and t.asserted and not t.weak}
    possible = [
        doc[t.head_i] for t in triggers
        if not t.asserted and t.reason in ("modal", "conditional") and not inanimate_object(ctx, t) and not not_an_act(ctx, t)
        and not _asked(doc[t.head_i])
    ]
    # the part of speech first: an integer test, where the lemma is a string built per token
    harms = _HARMS | ctx.lexicons.get("threatened_harms", frozenset())
    possible += [tok for tok in doc if tok.pos == VERB and tok.lemma_.lower() in harms and modal_consequence(tok)]
    for harm in possible:
        node = harm
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if (node.lemma_.lower() in _THREAT_SPEECH or node.lemma_.lower() == "say") and node.pos_ == "VERB":
                if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in node.children):
                    continue  # "(lose their house) if they told anyone how she died": the condition, not a telling
                if node.i > harm.i and not any(c.dep_ == "nsubj" and as_actor(ctx, c) is not None for c in node.children):
                    break  # "'They could be held for months,' Choi told RFA": a witness's words attributed, no threat
                if node.i not in taken and not any(c.dep_ == "neg" for c in node.children) and (addressed(node) or _said_by_actor(ctx, node, harm)):
                    taken.add(node.i)
                    out.append(Trigger("threat_intimidation", node.i, node.i + 1, node.i, node.lemma_.lower(), False, True, ""))
                break
    out += announced_rules(ctx, triggers, taken)
    out += silencing_orders(ctx, taken)
    out += spoken_threats(ctx, taken)
    out += announced_consequences(ctx, taken)
    return out


# Orders that speak of silence: what the ordered must stop saying, or not say.
_SILENCING = frozenset({"tell", "order", "warn", "instruct"})
_SPEAKING = frozenset({"speak", "talk", "ask", "tell", "contact", "complain", "call", "mention", "discuss", "say", "write", "post", "petition"})


def silencing_orders(ctx: IncidentContext, taken: set[int]) -> list[Trigger]:
    """ "the political officer told her not to speak to anyone about how her son had died", "an
    officer told her to stop asking questions": an agent of the state ordering someone to keep
    silent is intimidation (the domain sets' writers code it so), on the ordering verb."""
    out: list[Trigger] = []
    for tok in ctx.doc:
        if tok.pos != VERB or tok.i in taken or tok.lemma_.lower() not in _SILENCING or not addressed(tok):
            continue
        if not any(c.dep_ == "nsubj" and as_actor(ctx, c) is not None for c in tok.children):
            continue
        for x in (c for c in tok.children if c.dep_ == "xcomp"):
            lemma = x.lemma_.lower()
            negated = any(c.dep_ == "neg" for c in x.children) and lemma in _SPEAKING
            stop = lemma == "stop" and any(c.dep_ in ("xcomp", "dobj", "ccomp") and c.lemma_.lower() in _SPEAKING for c in x.children)
            if negated or stop:
                taken.add(tok.i)
                out.append(Trigger("threat_intimidation", tok.i, tok.i + 1, tok.i, tok.lemma_.lower(), False, True, ""))
                break
    return out


def announced_rules(ctx: IncidentContext, triggers: list[Trigger], taken: set[int]) -> list[Trigger]:
    """ "The commander told them that anyone seen near the river would be shot", "the judge
    said that anyone who helps them would end up the same way": a harm announced, with no
    if/unless, for anyone who does something. Told to someone (or said by an official), it is a
    threat on the telling verb; the harm itself is no incident."""
    doc = ctx.doc
    out: list[Trigger] = []
    harms = ctx.lexicons.get("threatened_harms", frozenset())
    heads = {t.head_i for t in triggers}
    for tok in doc:
        if tok.pos not in (VERB, AUX) or not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "shall") for c in tok.children):
            continue
        # "would receive the same punishment": the harm is what the verb's object names
        if not (tok.i in heads or tok.lemma_.lower() in harms or any(c.dep_ == "dobj" and c.i in heads for c in tok.children)):
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        teller = _teller_before(ctx, tok, taken)
        if teller is not None:
            # the parser hung the sentence on the harm ("told them that anyone caught | would be
            # treated the same way" with "treated" as the root): the telling before it, with a
            # free-choice subject in between, is the threat
            taken.add(teller.i)
            out.append(Trigger("threat_intimidation", teller.i, teller.i + 1, teller.i, teller.lemma_.lower(), False, True, ""))
            continue
        chain, node = [tok], tok
        for _ in range(3):
            if node.dep_ not in ("ccomp", "conj") or node.head.i == node.i:
                break
            node = node.head
            chain.append(node)
            if node.pos_ != "VERB" or node.i in taken or any(c.dep_ == "neg" for c in node.children) or not _announces(ctx, node):
                continue
            # the subject of the harm, or (when the parse splits the complement: "that anyone
            # caught near the fence | would be shot") a subject earlier in the same complement
            inner = {t.i for t in chain[:-1]}
            subj = [
                t for t in doc[node.i + 1 : tok.i + 1]
                if t.dep_ in ("nsubj", "nsubjpass") and (t.head.i in inner or (t.head.dep_ == "ccomp" and t.head.head.i == node.i))
            ]
            if subj and _free_choice_phrase(subj[0]):
                taken.add(node.i)
                out.append(Trigger("threat_intimidation", node.i, node.i + 1, node.i, node.lemma_.lower(), False, True, ""))
            break
    return out


def _teller_before(ctx: IncidentContext, harm: Token, taken: set[int]) -> Token | None:
    """For a harm verb the parse left as its sentence's root: the telling verb before it that
    announces it ("an officer told them that anyone caught near the river at night would be
    treated the same way"), when a "that" clause with a free-choice subject stands between them."""
    if harm.dep_ != "ROOT":
        return None
    sent = harm.sent
    for node in reversed(list(ctx.doc[sent.start : harm.i])):
        if node.pos_ != "VERB" or node.i in taken or any(c.dep_ == "neg" for c in node.children) or not _announces(ctx, node):
            continue
        that = next((t for t in ctx.doc[node.i + 1 : harm.i] if t.lower_ == "that" and t.dep_ == "mark"), None)
        if that is not None and any(_free_choice_phrase(t) and t.dep_ in ("nsubj", "nsubjpass") for t in ctx.doc[that.i + 1 : harm.i]):
            return node
        return None
    return None


def _announces(ctx: IncidentContext, verb: Token) -> bool:
    """A telling to someone ("told them", "warned the crowd") or an announcement by an actor ("the
    judge said"): what it says of a harm to come is a threat."""
    lemma = verb.lemma_.lower()
    if lemma in _THREAT_SPEECH and addressed(verb):
        return True
    return lemma in ("say", "announce", "declare", "proclaim", "warn", "threaten") and any(
        c.dep_ == "nsubj" and as_actor(ctx, c) is not None for c in verb.children
    )


_SECOND_PERSON = frozenset({"you", "your", "yourself", "yourselves"})
_FUTURE = frozenset({"will", "'ll", "would", "wo"})


def _conditioned(verb: Token) -> bool:
    """A consequence on a condition: an if/unless/lest clause under it."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children) for c in verb.children)


def _ultimatum(verb: Token) -> bool:
    """ "if you come here again, (you will join him)", "complain once more and (you will go home in
    a box)", "bring the money or (your husband will ...)": the consequence's condition."""
    if _conditioned(verb):
        return True
    head = verb.head
    return (
        verb.dep_ == "conj" and head.tag_ == "VB" and head.i < verb.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in head.children)
        and any(c.dep_ == "cc" and c.lower_ in ("and", "or") for c in head.children)
    )


# What a spoken consequence threatens: a loss, a punishment, a death ("never come home", "join
# him", "go home in a box", "be thrown out of her job"); an offer ("you will find us") is none.
_SPOKEN_HARMS = frozenset({
    "never", "not", "n't", "box", "camp", "camps", "prison", "jail", "dead", "die", "kill", "shoot", "shot", "punish",
    "punished", "regret", "suffer", "pay", "disappear", "join", "lose", "sent", "taken", "thrown", "expelled", "fired",
})


def _harmful(verb: Token) -> bool:
    return any(t.lower_ in _SPOKEN_HARMS for t in verb.subtree)


def spoken_threats(ctx: IncidentContext, taken: set[int]) -> list[Trigger]:
    """A threat quoted as it was spoken: "If you talk to reporters, your mother will never come
    home", "Complain once more and you will go home in a box": inside a quotation, a consequence
    for the one addressed ("you", "your ...") in the future, on a condition or an ultimatum. The
    words are the threat (on the consequence's verb), whoever the quote's speaker is."""
    out: list[Trigger] = []
    for tok in ctx.doc:
        if tok.pos not in (VERB, AUX) or tok.i in taken or ctx.quote_at(tok.idx) is None:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in tok.children):
            continue
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or not any(t.lower_ in _SECOND_PERSON for t in subject.subtree):
            continue
        if _ultimatum(tok) and _harmful(tok):
            taken.add(tok.i)
            out.append(Trigger("threat_intimidation", tok.i, tok.i + 1, tok.i, "spoken threat", False, True, ""))
    return out


# Who a consequence falls on, when it names no violation: a person told of by pronoun, a family,
# or whoever does the thing ("she would be next", "his whole family will be sent", "anyone ...").
_PERSONS = frozenset({"he", "she", "they", "you", "we", "i", "family", "families", "relatives", "parents", "children", "mother", "father", "wife", "husband", "son", "daughter"})
_ANNOUNCING = _THREAT_SPEECH | {"say", "shout", "announce", "declare"}
_WILL = _FUTURE | {"shall"}  # an announced rule may be told with "shall"


# What an announced consequence promises ("would be next", "will be dealt with the same way",
# "would get no food", "will be found", "will pay for it", "would have trouble with us").
_CONSEQUENCES = _SPOKEN_HARMS | {"next", "same", "found", "trouble", "problems", "dealt", "handled", "treated", "answer", "end", "no", "lose", "follow"}
# People who speak with authority over those they address: a speaker the actor lexicon may not
# know ("the guard said", "the lecturer said", "the manager said that if anyone else ran").
_IN_CHARGE = frozenset({
    "guard", "guards", "officer", "officers", "official", "officials", "prosecutor", "judge", "lecturer", "manager", "managers",
    "secretary", "head", "chief", "commander", "supervisor", "minder", "warden", "agent", "agents", "interrogator", "inspector",
})  # fmt: skip


def _in_charge(speaker: Token) -> bool:
    return speaker.lemma_.lower() in _IN_CHARGE or speaker.lower_ in _IN_CHARGE


def _subject(verb: Token, deps: tuple[str, ...]) -> Token | None:
    """The verb's subject, or its first conjunct's ("stood before the families and said ...", "is a
    traitor and will be dealt with")."""
    for v in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        subject = next((c for c in v.children if c.dep_ in deps), None)
        if subject is not None:
            return subject
    return None


def _falls_on_people(verb: Token) -> bool:
    subject = _subject(verb, ("nsubj", "nsubjpass"))
    if subject is None:
        return False
    return _free_choice_phrase(subject) or subject.lower_ in _PERSONS or subject.lemma_.lower() in _PERSONS


def announced_consequences(ctx: IncidentContext, taken: set[int]) -> list[Trigger]:
    """ "was told that if she kept asking, she would be next", "the guard said that if anyone
    cried, they would get no food", "said that whoever runs away will be found, and that his
    family will pay for it": what is to befall people on a condition (or whoever does something),
    told to them or announced by an agent, is a threat even when it names no violation."""
    out: list[Trigger] = []
    for tok in ctx.doc:
        if tok.pos != VERB or tok.i in taken or tok.lemma_.lower() not in _ANNOUNCING or any(c.dep_ == "neg" for c in tok.children):
            continue
        if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in tok.children):
            continue  # "if they told anyone": the condition, not a telling
        speaker = _subject(tok, ("nsubj",))
        # "they were told", "was kept overnight and told ...", "went to ask and was told ..."
        told_to = addressed(tok) or _subject(tok, ("nsubjpass",)) is not None or any(c.dep_ == "auxpass" for c in tok.children)
        if not (told_to or (speaker is not None and (as_actor(ctx, speaker) is not None or _in_charge(speaker)))):
            continue
        said = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
        said += [g for c in said for g in c.children if g.dep_ == "conj" and g.pos in (VERB, AUX)]
        for verb in said:
            future = any(c.dep_ in ("aux", "auxpass") and c.lower_ in _WILL for c in verb.children)
            negated = any(c.dep_ == "neg" for c in verb.children)
            if not future or (negated and not _falls_on_people(verb)):
                continue  # a negated consequence threatens only people ("would not have a family to go back to")
            subject = _subject(verb, ("nsubj", "nsubjpass", "csubj", "csubjpass"))
            if subject is not None and subject.dep_ in ("csubj", "csubjpass"):  # "whoever runs away (will be found)"
                subject = next((c for c in subject.children if c.dep_ == "nsubj"), subject)
            told = (_conditioned(verb) and _falls_on_people(verb)) or (subject is not None and _free_choice_phrase(subject))
            if told and any(t.lower_ in _CONSEQUENCES for t in verb.subtree):
                taken.add(tok.i)
                out.append(Trigger("threat_intimidation", tok.i, tok.i + 1, tok.i, tok.lemma_.lower(), False, True, ""))
                break
    return out
