"""Other names of places and organisations, for comparing names."""

from __future__ import annotations

from retold.lexicon.loader import pairs

#: Short or informal place names -> the canonical name.
PLACE_ALIASES: dict[str, str] = {
    "US": "United States",
    "USA": "United States",
    "America": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UAE": "United Arab Emirates",
    "DC": "Washington",
    "Washington DC": "Washington",
    "Washington, DC": "Washington",
}
#: AP style US state abbreviations (with their period) -> the state's name;
#: states AP never abbreviates (Alaska, Hawaii, Idaho, Iowa, Maine, Ohio,
#: Texas, Utah) are absent, except older spellings still seen in copy
#: ("Kans.", "Tex.").
STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Kans.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Tex.": "Texas",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
}
#: Acronyms and short names of organisations -> the canonical name.
ORG_ALIASES: dict[str, str] = {
    "UN": "United Nations",
    "WHO": "World Health Organization",
    "EU": "European Union",
    "Fed": "Federal Reserve",
    "IMF": "International Monetary Fund",
    "NATO": "NATO",
    "SEC": "Securities and Exchange Commission",
}
#: A place -> the words that name its people or say "of that place", lower case
#: ("finland" -> "finnish", "finn", "finns"; "mars" -> "martian"): data/demonyms.txt.
DEMONYMS: dict[str, tuple[str, ...]] = {
    place: tuple(form.strip() for form in forms.split(","))
    for place, forms in pairs("demonyms").items()
}
