"""Word lists that sentence segmentation decides with.

Every abbreviation is written without its final period, exactly as it is
spelled in text ("U.S", "Calif", "a.m"). The lists are tuned for English news
(AP and New York Times style); :class:`retold.segment.SegmentOptions` adds to
them without editing this file.
"""

from __future__ import annotations

from retold.lexicon.calendar import MONTH_ABBREVIATIONS
from retold.lexicon.places import STATE_ABBREVIATIONS


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Titles and prefixes: always followed by a name or a number, never the last
# word of a sentence ("Mr. Blinken", "Gen. Milley", "Mt. Fuji", "Sec. 5").
TITLES: frozenset[str] = _words(
    """
    Mr Mrs Ms Messrs Mmes Mses Dr Drs Prof Profs Gen Gens Sen Sens Rep Reps Gov Govs
    Lt Col Capt Cmdr Cdr Adm Maj Sgt Cpl Pvt Pfc Spc Brig Ens Rev Revs Msgr Fr Supt
    Det Insp Atty Amb Pres Hon Rt Mt Sec Secs Ald Asst Assoc Dep Lieut
    Mme Mlle
    """
)

# Lower-case abbreviations that introduce what follows and so never end a
# sentence, in any capitalisation ("e.g.", "vs.", "Roe v. Wade").
NEVER_END: frozenset[str] = _words("e.g i.e cf viz vs v approx ca incl esp resp w.r.t")

# Abbreviations that stand before a number ("No. 3", "p. 55", "Vol. 2");
# before anything else they are ordinary words ("He said no.").
BEFORE_NUMBER: frozenset[str] = _words(
    """
    No Nos no nos N° Nº p pp Vol vol Vols vols Fig fig Figs figs Art art Arts Ch ch
    Chap chap Pt pt Para para Op op Ex Ref ref Rte Hwy Apt Ste Rm Bldg Dist Div Ed
    Eds Ord Reg Sch Ser Vs Nr nr Tel tel Ext ext
    """
)

# Month abbreviations: before a day or year they never end a sentence
# ("Oct. 7", "Jan. 2021"); otherwise they behave like MAY_END.
MONTHS: frozenset[str] = frozenset(MONTH_ABBREVIATIONS)

# US state abbreviations in AP style, also after a party letter ("D-Calif.").
STATES: frozenset[str] = frozenset(abbr.removesuffix(".") for abbr in STATE_ABBREVIATIONS)

# Abbreviations that may end a sentence or sit inside one ("the U.S. Senate"
# vs "in the U.S. The next day"); the word after them decides. Any dotted
# sequence of short letter groups ("S.O.S", "Ph.D") is treated the same way.
MAY_END: frozenset[str] = _words(
    """
    U.S U.K U.N E.U U.S.A U.S.S.R D.C L.A Inc Corp Co Cos Ltd Bros Jr Sr Esq Ph.D
    M.D St Ave Blvd Rd Ln Pl Sq Dept Univ Assn Govt Ft Intl Natl Mfg Hosp Pkwy Hts
    Jct et al etc a.m p.m A.M P.M co inc corp ltd jr sr st ave rd ft
    yr yrs hr hrs min mins sec lb lbs oz mo mos Sgts
    """
)

# Capitalised words that begin a new clause (pronouns, determiners,
# conjunctions, sentence adverbs, question words and auxiliaries). After an
# abbreviation that may end a sentence, one of these means it did end one
# ("U.S. The"); a capitalised word outside this list continues a name
# ("U.S. Senate", "Donald J. Trump"). Words that are also common parts of
# names after an abbreviation ("May", "First", "Will") are left out on purpose.
STARTERS: frozenset[str] = _words(
    """
    I He She It We They You His Her Its Our Their Your My Me Him Them
    The A An This That These Those Some Many Most Much Several Few All Both Each
    Every Any No None Neither Either Such Another Other Others Nothing Nobody
    Everyone Everybody Someone Somebody Anyone Anybody Something Everything Anything
    One Two Three Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands
    But And Or Nor So Yet Still Also However Meanwhile Instead Then Now Later Earlier
    Today Yesterday Tonight Tomorrow Last Next Since After Before When Whenever While
    Although Though As If Because Once Until Unless Whether Even Only Just Already
    Here There Thus Therefore Indeed Nevertheless Nonetheless Moreover Furthermore
    Besides Overall Finally Again Perhaps Maybe Why What Who Whom Whose Which Where How
    Is Are Was Were Do Does Did Can Could Would Should Shall Might Must Has Have Had
    Not Despite During In On At By For From To With Without Under Over About Among
    Amid Against Across Along Around Behind Beyond Inside Outside Within Through
    Throughout Toward Towards Upon Into Of Like Unlike According Let Please Yes
    Less More Never Always Often Sometimes Soon Shortly Ultimately Eventually
    Currently Recently Previously Initially Separately Additionally Similarly
    Likewise Otherwise Elsewhere Altogether Hence Accordingly Consequently
    """
)

# Plural nouns that often open a news sentence ("Officials said ..."). After
# an abbreviation that may end a sentence, one of these followed by a
# lower-case word starts a new sentence ("in the U.S. Economists expect");
# "Marines", "Forces" or "Islands" are left out: "U.S. Marines" continues.
SUBJECT_NOUNS: frozenset[str] = _words(
    """
    Officials Authorities Police Investigators Prosecutors Residents Witnesses
    Protesters Demonstrators Investors Analysts Economists Traders Shares Stocks
    Prices Sales Profits Earnings Critics Experts Researchers Scientists Doctors
    Nurses Lawmakers Legislators Democrats Republicans Voters Supporters Opponents
    Firefighters Rescuers Negotiators Diplomats Students Teachers Parents Workers
    Employees Customers Consumers Fans Players Leaders Executives Regulators Judges
    Jurors Survivors Families Relatives Neighbors Officers Lawyers Aides Advocates
    Activists Organizers Companies Banks Markets Schools Hospitals Farmers Drivers
    Passengers Tourists Visitors Patients Americans Israelis Palestinians Ukrainians
    Russians Chinese Europeans Britons Canadians Mexicans Iranians
    """
)

# Titles that may begin a sentence after an abbreviation ended the previous one
# ("...at 6 P.M. Mr. Smith then left"). Military and political titles are not
# here: "U.S. Gen. Mark Milley" and "U.S. Rep. Adam Schiff" continue.
STARTER_TITLES: frozenset[str] = _words("Mr Mrs Ms Messrs Dr")

# Capitalised prepositions that open a short introductory phrase: "At 5 a.m."
# cannot be a sentence of its own, so "At 5 a.m. Mr. Smith went" goes on.
INTRO_WORDS: frozenset[str] = _words(
    """
    At By Before After Until Till Since From Around About On In Near Shortly Just
    Early Late Between Through Circa Starting Beginning Sometime
    """
)

CONTRACTIONS: frozenset[str] = _words(
    """
    Don't Doesn't Didn't Can't Won't Isn't Aren't Wasn't Weren't Couldn't Wouldn't
    Shouldn't Haven't Hasn't Hadn't Let's That's There's Here's What's Who's Where's
    How's It's He's She's We're They're You're I'm I've I'd I'll We've We'll We'd
    They've They'll They'd You've You'll
    """
)
