"""Who did what to whom: an agent and a patient that traded places (F124).

The check reads each side's predicate-argument links from the parse and
compares them. A link is (role, predicate, argument): the agent or the patient
of a verb, of the noun of an event ("pressure from lawmakers": lawmakers
press), of a light construction ("took the place of X": X is replaced). What
the parse leaves implicit is filled in the way English fills it: the subject
of "agreed to buy" is the buyer, the subject of "scored 38 points to lead X"
leads X, the object of "urged the bank to hold" holds. An argument is the
name or noun heading it with its appositions ("its vendor, Medisoft
Partners"), so a swap is seen however either side names the two.

Besides one predicate's agent and patient trading places, four news
relations are compared on their own: who beat whom ("lead X past Y", "Y edged
X", "X lost to Y"), whose side a ruling or vote took ("siding with X" /
"against X"), which way a thing changed hands ("accepting bribes" /
"offering bribes"), and an agent moved into the modifiers of the object ("the
chain ignored warnings" / "it ignored warnings from the chain").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from retold.audit.align import stem
from retold.audit.checks.names import NAME_STOP, whole_forms
from retold.audit.group import Context, Group, pair, weaker_in_summary, wordnet_supported
from retold.audit.registry import check
from retold.audit.words import PRONOUNS
from retold.data import Issue
from retold.lexicon.names import NAME_TITLES
from retold.lexicon.paraphrases import equivalent
from retold.lexicon.polarity import same_pole
from retold.lexicon.verbs import SYMMETRIC_VERBS


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_RELATIVE = {"that", "who", "which", "whom"}
_WHEN = {"DATE", "TIME"}

# Nouns that make a light verb a predicate about their "of" phrase, with the
# verb that predicate is: "took the place of X" replaces X, "took control of
# X" controls it, "took the helm of X" leads it.
_LIGHT_NOUNS: dict[str, str] = {
    "place": "replace",
    "control": "control",
    "charge": "run",
    "command": "command",
    "helm": "lead",
    "ownership": "own",
    "custody": "hold",
}
# The role of the object of a preposition after the noun of an event.
_EVENT_ROLES = {"from": "agent", "by": "agent", "on": "patient", "against": "patient"}
# Verbs whose object clause's subject is the object ("urged the bank to hold").
# Without an object, the subject controls ("agreed to buy").
_SUBJECT_INHERITING = frozenset({"xcomp", "conj", "advcl", "pcomp"})

# Who beat whom: verbs whose agent wins over their patient ...
_BEAT = _words(
    """
    beat defeat edge top down rout crush oust unseat upset overcome outlast outscore
    outplay sink topple trounce thrash eliminate overpower outpoint outvote whip
    """
)
# ... verbs whose agent loses to the object of "to" ("lost to Y") ...
_LOSE_TO = frozenset({"lose", "fall", "bow", "succumb", "yield"})
# ... and verbs whose object wins over the object of "past" or "over" ("lead X past Y").
_CARRY_PAST = frozenset({"lead", "carry", "power", "push", "propel", "lift", "help", "guide"})
# A side taken: for or with X, or against X.
_FOR = frozenset({"with", "for", "behind"})
_AGAINST = frozenset({"against"})
# Which way a thing changes hands: its giver is the agent of the first list,
# its receiver the agent of the second.
_GIVE = _words(
    """
    give offer pay hand send lend sell grant provide donate award supply deliver
    transfer extend pass bribe
    """
)
_RECEIVE = _words(
    """
    receive accept take get obtain borrow buy collect solicit demand earn pocket
    """
)


@dataclass(frozen=True, slots=True)
class Arg:
    """An argument: the names and nouns that head it (with its appositions)."""

    names: frozenset[tuple[str, ...]]
    nouns: frozenset[str]
    pronoun: str
    token: Any = field(compare=False, hash=False)
    written: frozenset[str] = frozenset()  # the names as the text writes them

    def matches(self, other: Arg) -> bool:
        """The same noun, one name inside the other ("Natarajan", "Priya
        Natarajan"), or one name written two ways ("IMF", "International
        Monetary Fund")."""
        if self.nouns & other.nouns:
            return True
        if any(set(a) <= set(b) or set(b) <= set(a) for a in self.names for b in other.names):
            return True
        return any(whole_forms(a) & whole_forms(b) for a in self.written for b in other.written)

    @property
    def solid(self) -> bool:
        """Whether it is a name or a noun, not only a pronoun."""
        return bool(self.names or self.nouns)

    def label(self) -> str:
        if self.names:
            return " ".join(sorted(self.names, key=_longest_first)[0])
        return sorted(self.nouns)[0] if self.nouns else self.pronoun


def _longest_first(name: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    return (-len(name), name)


@dataclass(frozen=True, slots=True)
class Link:
    """(role, predicate key, argument); the key is the stem of the lemma, so a
    verb and the noun of its event meet ("pressured" / "pressure")."""

    role: str  # "agent" or "patient"
    key: str
    arg: Arg
    head: Any = field(compare=False, hash=False)  # the predicate's token


def links(g: Group) -> tuple[Link, ...]:
    """Every agent and patient link the group's parse gives, implicit subjects filled."""
    return g.cached("role links", lambda x: tuple(_links(x)))


def _links(g: Group) -> Iterator[Link]:
    for t in g.tokens:
        lemma = t.lemma_.lower()
        if lemma in SYMMETRIC_VERBS:
            continue
        if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ != "aux" and t.dep_ != "auxpass"):
            key = stem(lemma)
            for a in agents(t):
                yield Link("agent", key, a, t)
            for p in _patients(t):
                yield Link("patient", key, p, t)
            for noun in (c for c in t.children if c.dep_ == "dobj"):
                verb = _LIGHT_NOUNS.get(noun.lemma_.lower())
                if verb is None or not _of_objects(noun):
                    continue
                # "took the place of X": its subject replaced X
                for a in agents(t):
                    yield Link("agent", stem(verb), a, t)
                for o in _of_objects(noun):
                    yield Link("patient", stem(verb), arg(o), t)
        elif t.pos_ == "NOUN":
            # The noun of an event: "pressure from lawmakers", "an attack on the base".
            for prep in t.children:
                role = _EVENT_ROLES.get(prep.lower_) if prep.dep_ == "prep" else None
                for obj in prep.children:
                    if role and obj.dep_ == "pobj":
                        yield Link(role, stem(lemma), arg(obj), t)


def agents(v: Any, depth: int = 0) -> list[Arg]:
    """The agents of verb ``v``: its subject, its passive's "by" phrase, or the
    subject it takes from the clause it depends on."""
    out = []
    for c in v.children:
        if c.dep_ in ("nsubj", "csubj") and not _bare_participle(v):
            out.append(arg(c))
        elif c.dep_ == "agent":
            out.extend(arg(p) for p in c.children if p.dep_ == "pobj")
    if out or any(c.dep_ in ("nsubjpass", "nsubj") for c in v.children) or depth > 4:
        return out
    head = v.head
    if v.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    if v.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects:
            return [arg(objects[0])]
        # "X was ordered to pay": the passive's subject pays, not the "by" agent.
        passive = [c for c in head.children if c.dep_ == "nsubjpass"]
        if passive and any(c.lower_ == "to" and c.dep_ == "aux" for c in v.children):
            return [arg(passive[0])]
    if v.dep_ == "acl" and v.tag_ == "VBG":
        return [arg(head)]
    if v.dep_ in _SUBJECT_INHERITING and head.pos_ in ("VERB", "AUX") and head is not v:
        return agents(head, depth + 1)
    return out


def _patients(v: Any) -> list[Arg]:
    out = []
    for c in v.children:
        if c.ent_type_ in _WHEN:
            continue  # "collected every two weeks": a time, not a patient
        if c.dep_ in ("dobj", "dative", "nsubjpass") or (c.dep_ == "nsubj" and _bare_participle(v)):
            out.append(arg(c))
    if v.dep_ == "acl" and v.tag_ == "VBN":
        out.append(arg(v.head))
    return out


def _bare_participle(v: Any) -> bool:
    """A past participle with a subject and no auxiliary under "have" or "get":
    "have their waste collected", where the subject is what is collected."""
    return (
        v.tag_ == "VBN"
        and v.dep_ in ("ccomp", "xcomp", "oprd")
        and v.head.lemma_.lower() in ("have", "get")
        and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
    )


def _of_objects(t: Any) -> list[Any]:
    return [o for p in t.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]


def arg(t: Any) -> Arg:
    """The argument headed by token ``t``: its name or noun and its appositions."""
    if t.lower_ in _RELATIVE and t.head.dep_ == "relcl":
        t = t.head.head  # "a group that argued": the group argued
    if t.pos_ == "PRON" or t.lower_ in PRONOUNS:
        return Arg(frozenset(), frozenset(), t.lower_, t)
    t = _after_titles(t)
    names: set[tuple[str, ...]] = set()
    written: set[str] = set()
    nouns: set[str] = set()
    # An apposition names the same one either way round: "its vendor, Medisoft
    # Partners" and "Rita Osei, a former sales manager" (from the manager).
    appositions = [c for c in t.children if c.dep_ == "appos"]
    if t.dep_ == "appos" and t.pos_ == "NOUN" and t.head.pos_ == "PROPN" and t.head.i < t.i:
        appositions.append(t.head)
    for x in (t, *appositions):
        name, text = _name(x)
        if name:
            names.add(name)
            written.add(text)
        elif x.pos_ in ("NOUN", "PROPN"):
            nouns.add(x.lemma_.lower())
    return Arg(frozenset(names), frozenset(nouns), "", t, frozenset(written))


def _after_titles(t: Any) -> Any:
    """The name a title stands before, when the parse took the title for the
    argument and cut the name off ("according to Det. Sgt. Carla Nunez")."""
    if t.lower_.rstrip(".") not in NAME_TITLES:
        return t
    doc, k = t.doc, t.i + 1
    while k < len(doc) and (doc[k].is_punct or doc[k].lower_.rstrip(".") in NAME_TITLES):
        k += 1
    if k >= len(doc) or doc[k].pos_ != "PROPN":
        return t
    y = doc[k]
    while y.dep_ == "compound" and y.head.i > y.i:
        y = y.head
    return y


def _name(t: Any) -> tuple[tuple[str, ...], str]:
    """The words of the name token ``t`` is part of, lower case, titles left
    out, and the name as written; ((), "") when ``t`` is no name."""
    doc = t.doc
    if t.ent_type_ in _NAME_TYPES:
        start, end = t.i, t.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        # Only what hangs from ``t``: the recogniser may run one name into
        # the next ("Chelsea beat Arsenal" as one organisation).
        inside = {w.i for w in t.subtree}
        span = [w for w in doc[start:end] if w.i in inside]
    elif t.pos_ == "PROPN":
        left = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        span = [*left, t]
    else:
        return (), ""
    words = [
        w.lower_.rstrip(".")
        for w in span
        if w.lower_ not in NAME_STOP and w.lower_.rstrip(".") not in NAME_TITLES and w.is_alpha
    ]
    return tuple(words), " ".join(w.text for w in span)


@check("roles", order=220)
def check_roles(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """Who did what to whom: an agent and a patient traded places (F124)."""
    return weaker_in_summary(_roles(src, rw), src, ctx, pooled=True)


def _roles(src: Group, rw: Group) -> list[Issue]:
    s_links, r_links = links(src), links(rw)
    for finder in (_same_predicate, _moved_into_object, _other_predicate):
        found = finder(s_links, r_links)
        if found:
            return [pair("F124", f"roles swapped: {found}", src, rw)]
    for relation in (_winners, _transfers):
        found = _compare(relation(src), relation(rw))
        if found:
            return [pair("F124", f"roles swapped: {found}", src, rw)]
    found = _sides(src, rw) or _to_whom(src, rw)
    if found:
        return [pair("F124", f"roles swapped: {found}", src, rw)]
    return []


def _recipients(g: Group) -> list[tuple[Arg, Arg, Any]]:
    """(agent, recipient, predicate token) for every verb that sends something
    to someone ("X returned the figures to Y", "X reported it to Y")."""
    out: list[tuple[Arg, Arg, Any]] = []
    for t in g.tokens:
        if t.pos_ != "VERB" or t.lemma_.lower() in _LOSE_TO | SYMMETRIC_VERBS:
            continue
        if not any(c.dep_ == "dobj" for c in t.children):
            continue  # "rose to 412", "moved to Paris": no thing sent
        # "to" as the parse hangs it: a preposition, or the dative of "give".
        heads = [t, *(c for c in t.children if c.dep_ == "dobj")]
        tos = [
            o
            for h in heads
            for p in h.children
            if p.dep_ in ("prep", "dative") and p.lower_ == "to"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        for to in tos:
            r = arg(to)
            out.extend((a, r, t) for a in agents(t) if a.solid and r.solid and not a.matches(r))
    return out


def _to_whom(src: Group, rw: Group) -> str:
    """The sender and the receiver of one transfer traded places ("Oakhurst
    will return the figures to Tamaran" / "Tamaran will give back the figures
    to Oakhurst"); the two predicates are one verb or synonyms."""
    s = _recipients(src)
    for a, r, verb in _recipients(rw):
        if any(
            sa.matches(r) and sr.matches(a) and _synonyms(verb, v) for sa, sr, v in s
        ) and not any(sa.matches(a) and sr.matches(r) for sa, sr, _ in s):
            return f"'{a.label()}' now sends to '{r.label()}', the other way round from the source"
    # The receiver now sends, whoever to (the parse may lose the "to").
    for verb in (t for t in rw.tokens if t.pos_ == "VERB"):
        for a in (x for x in agents(verb) if x.solid):
            if any(
                sr.matches(a) and not sa.matches(a) and _synonyms(verb, v) for sa, sr, v in s
            ) and not any(sa.matches(a) and _synonyms(verb, v) for sa, _, v in s):
                return f"'{a.label()}' received in the source; in the rewrite it sends"
    return ""


def _frames(ls: Iterable[Link]) -> dict[str, tuple[list[Arg], list[Arg]]]:
    out: dict[str, tuple[list[Arg], list[Arg]]] = {}
    for link in ls:
        agents_, patients_ = out.setdefault(link.key, ([], []))
        (agents_ if link.role == "agent" else patients_).append(link.arg)
    return out


def _has(args: list[Arg], a: Arg) -> bool:
    return any(a.matches(x) for x in args)


def _same_predicate(s_links: tuple[Link, ...], r_links: tuple[Link, ...]) -> str:
    """One predicate on both sides, an argument in the other role on each."""
    s, r = _frames(s_links), _frames(r_links)
    for key in sorted(s.keys() & r.keys()):
        (sa, sp), (ra, rp) = s[key], r[key]
        if not ((sa and sp) or (ra and rp)):
            continue  # "the bridge closed" is "the bridge was closed"
        for x in (a for a in ra if a.solid):
            if _has(sp, x) and not _has(sa, x) and not _has(rp, x):
                return f"'{x.label()}' was the patient of '{key}' in the source, now its agent"
        for x in (p for p in rp if p.solid):
            if _has(sa, x) and not _has(sp, x) and not _has(ra, x):
                return f"'{x.label()}' was the agent of '{key}' in the source, now its patient"
    return ""


def _moved_into_object(s_links: tuple[Link, ...], r_links: tuple[Link, ...]) -> str:
    """The source's agent of a predicate is, in the rewrite, inside that
    predicate's object ("the chain ignored warnings" -> "it ignored warnings
    from the chain"), and someone else is the agent."""
    s = _frames(s_links)
    for link in r_links:
        if link.role != "patient" or link.key not in s:
            continue
        s_agents = [a for a in s[link.key][0] if a.solid]
        r_agents = [x.arg for x in r_links if x.key == link.key and x.role == "agent"]
        if not s_agents or not r_agents or any(_has(s_agents, a) for a in r_agents):
            continue
        # Inside the object, or in a "from" phrase of the verb that the parse
        # may hang there ("ignored warnings from the chain").
        inside = [t for t in link.arg.token.subtree if t.i != link.arg.token.i] + [
            o for p in link.head.children if p.lower_ == "from" for o in p.children
        ]
        for t in inside:
            if t.dep_ == "pobj" and _has(s_agents, arg(t)):
                return (
                    f"'{arg(t).label()}' was the agent of '{link.key}' in the source; "
                    f"in the rewrite it is part of its object"
                )
    return ""


def _other_predicate(s_links: tuple[Link, ...], r_links: tuple[Link, ...]) -> str:
    """Different predicates of one meaning ("defeated" / "beat"): one agent
    and one patient traded places. Predicates of converse meaning ("hired" /
    "joined", "sold" / "bought") trade them without a change, so the two
    must be synonyms (WordNet, the paraphrase table or one polarity pole)."""
    s_pairs = _agent_patient(s_links)
    for a, p, verb in _agent_patient(r_links):
        if any(
            sa.matches(p) and sp.matches(a) and _synonyms(verb, v) for sa, sp, v in s_pairs
        ) and not any(sa.matches(a) and sp.matches(p) for sa, sp, _ in s_pairs):
            return f"'{a.label()}' and '{p.label()}' traded places"
    return ""


def _synonyms(a: Any, b: Any) -> bool:
    la, lb = a.lemma_.lower(), b.lemma_.lower()
    return (
        la == lb
        or wordnet_supported(la, {lb})
        or equivalent(la, lb)
        or same_pole(la, lb) is not None
    )


def _agent_patient(ls: tuple[Link, ...]) -> list[tuple[Arg, Arg, Any]]:
    """Every (agent, patient, predicate token) of names or nouns one predicate links."""
    heads: dict[str, Any] = {link.key: link.head for link in ls}
    out: list[tuple[Arg, Arg, Any]] = []
    for key, (agents_, patients_) in _frames(ls).items():
        out.extend(
            (a, p, heads[key])
            for a in agents_
            for p in patients_
            if a.solid and p.solid and not a.matches(p)
        )
    return out


# A relation is a set of (first, second, what) triples: who beat whom, who
# took whose side, who gave what.
_Relation = list[tuple[Arg, Arg, str]]


def _compare(s: _Relation, r: _Relation) -> str:
    for a, b, what in r:
        for sa, sb, s_what in s:
            if (
                s_what == what
                and sa.matches(b)
                and sb.matches(a)
                and not (sa.matches(a) and sb.matches(b))
            ):
                return f"{what}: '{sb.label()}' and '{sa.label()}' traded places"
    return ""


def _winners(g: Group) -> _Relation:
    """(winner, loser) pairs: "X beat Y", "Y lost to X", "led X past Y"."""
    out: _Relation = []
    for t in g.tokens:
        if t.pos_ != "VERB":
            continue
        lemma = t.lemma_.lower()
        if lemma in _BEAT:
            for w in agents(t):
                out.extend((w, p, "who won") for p in _patients(t))
        elif lemma in _LOSE_TO:
            for loser in agents(t):
                out.extend((arg(x), loser, "who won") for x in _objects_of(t, {"to"}))
        elif lemma in _CARRY_PAST:
            for w in (c for c in t.children if c.dep_ == "dobj"):
                losers = _objects_of(t, {"past", "over"}) or _next_name(w, {"past", "over"})
                out.extend((arg(w), arg(x), "who won") for x in losers)
        elif lemma == "win":
            for w in agents(t):
                out.extend((w, arg(x), "who won") for x in _objects_of(t, {"over", "against"}))
    return [(a, b, w) for a, b, w in out if a.solid and b.solid]


def _next_name(w: Any, preps: set[str]) -> list[Any]:
    """The name right after ``w``'s phrase and one of ``preps``, read in word
    order when the parse lost the preposition ("lead X past Y 3-1", where
    "past" may be parsed as a noun)."""
    doc = w.doc
    k = max(x.i for x in w.subtree) + 1
    if k + 1 >= len(doc) or doc[k].lower_ not in preps:
        return []
    y = next((x for x in doc[k + 1 : k + 4] if x.pos_ in ("PROPN", "NOUN")), None)
    while y is not None and y.dep_ == "compound" and y.head.i > y.i:
        y = y.head
    return [y] if y is not None else []


def _objects_of(t: Any, preps: set[str]) -> list[Any]:
    """The objects of ``t``'s prepositions ``preps``, also when the parse hangs
    the preposition on ``t``'s object ("lead X past Y")."""
    heads = [t, *(c for c in t.children if c.dep_ == "dobj")]
    return [
        o
        for h in heads
        for p in h.children
        if p.dep_ == "prep" and p.lower_ in preps
        for o in p.children
        if o.dep_ == "pobj"
    ]


def _sides(src: Group, rw: Group) -> str:
    """An argument a predicate was for ("siding with X") and is now against, or
    the reverse."""
    s, r = _side_links(src), _side_links(rw)
    for key, side, x in r:
        if any(k == key and sd != side and x.matches(a) for k, sd, a in s) and not any(
            k == key and sd == side and x.matches(a) for k, sd, a in s
        ):
            was = "for" if side == "against" else "against"
            return f"in the source '{key}' was {was} '{x.label()}', in the rewrite {side} it"
    return ""


def _side_links(g: Group) -> list[tuple[str, str, Arg]]:
    """(predicate key, "for" or "against", argument) for every argument of a
    preposition that takes a side ("with", "for", "behind", "against")."""
    out = []
    for t in g.tokens:
        if t.dep_ != "pobj" or t.head.dep_ != "prep":
            continue
        prep = t.head.lower_
        if prep not in _FOR and prep not in _AGAINST:
            continue
        v = next((a for a in t.head.ancestors if a.pos_ == "VERB"), None)
        a = arg(t)
        if v is not None and a.solid:
            out.append((stem(v.lemma_.lower()), "for" if prep in _FOR else "against", a))
    return out


def _transfers(g: Group) -> _Relation:
    """(giver, thing) and (thing, receiver) pairs: "offering bribes" puts the
    agent before the bribes, "accepting bribes" after them."""
    out: _Relation = []
    for t in g.tokens:
        lemma = t.lemma_.lower()
        if t.pos_ != "VERB" or (lemma not in _GIVE and lemma not in _RECEIVE):
            continue
        if lemma in SYMMETRIC_VERBS:
            continue  # "the bill passed the House" / "the House passed the bill"
        # An unnamed or pronoun agent stands for itself: "accepting bribes"
        # and "offering bribes" have the same unnamed agent.
        who = [
            w if w.solid else Arg(frozenset(), frozenset({f"({w.pronoun})"}), "", t)
            for w in agents(t)
        ] or [Arg(frozenset(), frozenset({"(unnamed)"}), "", t)]
        for thing in (c for c in t.children if c.dep_ == "dobj"):
            a = arg(thing)
            for w in who:
                out.append((w, a, "who gave what") if lemma in _GIVE else (a, w, "who gave what"))
    return [(a, b, w) for a, b, w in out if a.solid and b.solid]
