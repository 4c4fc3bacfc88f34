"""English verb forms for voice changes: past participles, simple pasts, -s forms.

spaCy gives lemmas and tags but cannot inflect, so the irregular verbs are
listed here; a verb that is neither listed nor regular-looking is reported as
unknown (``None``) and the caller skips the transformation rather than guess.
"""

from __future__ import annotations

# base past participle (one line per verb; "-" when past == participle)
_IRREGULAR = """
arise arose arisen
awake awoke awoken
bear bore borne
beat beat beaten
become became become
begin began begun
bend bent -
bet bet -
bind bound -
bite bit bitten
bleed bled -
blow blew blown
break broke broken
breed bred -
bring brought -
broadcast broadcast -
build built -
burn burned -
buy bought -
cast cast -
catch caught -
choose chose chosen
cling clung -
come came come
cost cost -
creep crept -
cut cut -
deal dealt -
dig dug -
do did done
draw drew drawn
drink drank drunk
drive drove driven
eat ate eaten
fall fell fallen
feed fed -
feel felt -
fight fought -
find found -
flee fled -
fly flew flown
forbid forbade forbidden
forecast forecast -
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
get got gotten
give gave given
go went gone
grind ground -
grow grew grown
hang hung -
have had -
hear heard -
hide hid hidden
hit hit -
hold held -
hurt hurt -
keep kept -
know knew known
lay laid -
lead led -
leave left -
lend lent -
let let -
lie lay lain
light lit -
lose lost -
make made -
mean meant -
meet met -
mislead misled -
overcome overcame overcome
overrule overruled -
overtake overtook overtaken
overthrow overthrew overthrown
pay paid -
prove proved proven
put put -
quit quit -
read read -
rebuild rebuilt -
rid rid -
ride rode ridden
ring rang rung
rise rose risen
run ran run
say said -
see saw seen
seek sought -
sell sold -
send sent -
set set -
shake shook shaken
shed shed -
shoot shot -
show showed shown
shut shut -
sing sang sung
sink sank sunk
sit sat -
slay slew slain
sleep slept -
slide slid -
speak spoke spoken
spend spent -
spin spun -
split split -
spread spread -
stand stood -
steal stole stolen
stick stuck -
sting stung -
strike struck -
swear swore sworn
sweep swept -
swim swam swum
swing swung -
take took taken
teach taught -
tear tore torn
tell told -
think thought -
throw threw thrown
undergo underwent undergone
understand understood -
undertake undertook undertaken
uphold upheld -
upset upset -
wake woke woken
wear wore worn
win won -
withdraw withdrew withdrawn
withhold withheld -
write wrote written
"""


def _table() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    forms: dict[str, tuple[str, str]] = {}
    by_participle: dict[str, str] = {}
    for row in _IRREGULAR.strip().splitlines():
        base, past, part = row.split()
        part = past if part == "-" else part
        forms[base] = (past, part)
        by_participle.setdefault(part, base)
    return forms, by_participle


_FORMS, _BY_PARTICIPLE = _table()


def participle(lemma: str, past: str) -> str | None:
    """The past participle of ``lemma`` whose simple past is ``past`` (as written)."""
    lemma, past = lemma.lower(), past.lower()
    if lemma in _FORMS:
        return _FORMS[lemma][1]
    # A regular verb's past and participle are one form.
    return past if past.endswith("ed") else None


def simple_past(lemma: str, participle_form: str) -> str | None:
    """The simple past of ``lemma`` whose participle is ``participle_form``."""
    lemma, part = lemma.lower(), participle_form.lower()
    if lemma in _FORMS:
        return _FORMS[lemma][0] if _FORMS[lemma][1] == part else None
    return part if part.endswith("ed") else None


def third_person(lemma: str) -> str | None:
    """The present-tense -s form ("approves", "carries", "does")."""
    w = lemma.lower()
    if not w.isalpha():
        return None
    if w in ("be", "have"):
        return {"be": "is", "have": "has"}[w]
    if w.endswith(("s", "sh", "ch", "x", "z", "o")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def participle_of(lemma: str) -> str | None:
    """The past participle from the lemma alone; ``None`` when the spelling is
    uncertain (a final consonant that may double: "stop" -> "stopped" but
    "visit" -> "visited")."""
    w = lemma.lower()
    if w in _FORMS:
        return _FORMS[w][1]
    if not w.isalpha() or len(w) < 3:
        return None
    vowels = "aeiou"
    if w.endswith("e"):
        return w + "d"
    if w.endswith("y"):
        return w[:-1] + "ied" if w[-2] not in vowels else w + "ed"
    if w[-1] in "wx":
        return w + "ed"
    if w[-1] not in vowels and (w[-2] not in vowels or w[-3] in vowels):
        return w + "ed"  # two consonants ("attack") or two vowels ("repeal"): nothing doubles
    return None


_ING = {"be": "being", "die": "dying", "lie": "lying", "tie": "tying", "see": "seeing",
        "flee": "fleeing", "agree": "agreeing", "free": "freeing"}  # fmt: skip


def present_participle(lemma: str) -> str | None:
    """The -ing form ("live" -> "living", "work" -> "working"); ``None`` when a
    final consonant may double ("stop" -> "stopping" but "visit" -> "visiting")."""
    w = lemma.lower()
    if w in _ING:
        return _ING[w]
    if not w.isalpha() or len(w) < 3:
        return None
    vowels = "aeiou"
    if w.endswith("ie"):
        return w[:-2] + "ying"
    if w.endswith(("ee", "ye", "oe")):
        return w + "ing"
    if w.endswith("e"):
        return w[:-1] + "ing"
    if w[-1] in "wxy" or w[-1] in vowels:
        return w + "ing"
    if w[-2] not in vowels or w[-3] in vowels:
        return w + "ing"  # "work", "need": nothing doubles
    return None
