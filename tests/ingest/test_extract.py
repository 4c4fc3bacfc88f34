"""HTML extraction and page-furniture cleaning, on pages written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.errors import EmptyInputError
from retold.ingest.extract import clean_furniture, extract, furniture_lines, is_furniture
from tests.paths import DATA

HTML_DIR = DATA / "html"


def _page(name: str) -> str:
    return (HTML_DIR / name).read_text(encoding="utf-8")


# --- a news page with nav, header, footer, share buttons, ads, credits, a script


@pytest.fixture(scope="module")
def harbour() -> object:
    return extract(_page("harbour_bridge.html"))


def test_metadata_is_extracted() -> None:
    article = extract(_page("harbour_bridge.html"), url="https://mirror.example.net/x")
    assert article.title == "Harbour bridge reopens after 14-month repair"
    assert article.byline == "Maren Ostby"
    assert article.published == "2024-03-18"
    assert article.url == "https://ledger.example.org/news/2024/03/harbour-bridge-reopens"
    assert article.language == "en"


def test_url_given_by_caller_is_kept_when_page_has_none() -> None:
    article = extract(_page("council_vote.html"), url="https://riverside.example.com/library")
    assert article.url == "https://riverside.example.com/library"


def test_article_paragraphs_are_kept_in_order_and_separated_by_blank_lines() -> None:
    text = extract(_page("harbour_bridge.html")).text
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith("The Kessel Harbour bridge reopened to traffic on Monday")
    assert paragraphs[-1] == (
        "The council will hold a public meeting on the bridge's maintenance plan on 2 April "
        "at the town hall."
    )
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    assert text.index("38,000 vehicles") < text.index("212 million kroner")


@pytest.mark.parametrize(
    "furniture",
    [
        "scroll to top",
        "Advertisement",
        "Share this article",
        "Share on Facebook",
        "Sign up for our newsletter",
        "Read more:",
        "Getty Images",
        "cookies",
        "Subscribe",
        "dataLayer",
        "Related stories",
        "All rights reserved",
        "Privacy policy",
        "Sport",
    ],
)
def test_page_furniture_is_gone(furniture: str) -> None:
    text = extract(_page("harbour_bridge.html")).text
    # "advertisement" as a word stays: "He said the advertisement was misleading."
    assert furniture.lower() not in text.lower().replace("the advertisement was", "")


def test_headline_is_not_repeated_as_first_paragraph() -> None:
    article = extract(_page("harbour_bridge.html"))
    assert not article.text.startswith(article.title)


@pytest.mark.parametrize(
    "sentence",
    [
        "He said the advertisement was misleading.",
        "The repair cost 212 million kroner, 40 million more than the budget approved by the "
        "county council in 2022.",
        '"We replaced every strand that showed any sign of rust," said Ingrid Halvorsen',
    ],
)
def test_real_sentences_stay(sentence: str) -> None:
    assert sentence in extract(_page("harbour_bridge.html")).text


# --- a page whose furniture sits inside the article body as paragraphs


def test_furniture_paragraphs_inside_the_body_are_removed() -> None:
    article = extract(_page("council_vote.html"))
    assert article.byline == "Tomas Reyes"
    assert article.published == "2024-06-04"
    assert article.text.split("\n\n") == [
        "The city council voted 7 to 4 on Tuesday night to keep the Elm Street library open "
        "for at least three more years.",
        "The decision reverses a plan, announced in February, to close the branch and sell the "
        "1911 building to a developer for $2.3 million.",
        "Council member Lucia Ferro proposed the amendment that saved the branch.",
        "Library visits rose by 18 percent last year, Ferro said, and the branch hosts more "
        "than 40 children's reading sessions each month.",
        "Opponents said the city could not afford the $410,000 needed each year to run the "
        "building. The advertisement placed by the developer in local papers was called "
        "misleading by two council members.",
        "The library's board will present a repair schedule to the council in September.",
    ]


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Fire at the mill.</p>", "Fire at the mill."),
        ("<div>Fire at the mill.<br>Two were hurt.</div>", "Fire at the mill.\n\nTwo were hurt."),
        ("<p>Fire at the mill.</p><script>var a = 1;</script>", "Fire at the mill."),
    ],
)
def test_short_fragments_are_read(html: str, text: str) -> None:
    assert extract(html).text == text


def test_tooltip_box_goes_but_its_trigger_word_stays() -> None:
    html = (
        "<html><body><article><p>The launch was delayed by "
        "<span class='tooltip'>NASA<span class='tooltiptext'>National Aeronautics and Space "
        "Administration, the US space agency</span></span> after a fuel leak was found on "
        "Tuesday, two days before the planned date.</p></article></body></html>"
    )
    assert extract(html).text == (
        "The launch was delayed by NASA after a fuel leak was found on Tuesday, two days "
        "before the planned date."
    )


def test_page_without_article_text_is_empty_input() -> None:
    html = (
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/news'>News</a></nav><footer>scroll to top</footer></body></html>"
    )
    with pytest.raises(EmptyInputError) as info:
        extract(html)
    assert info.value.hint


# --- line rules


@pytest.mark.parametrize(
    "line",
    [
        "scroll to top",
        "Scroll to top ↑",
        "↑ Back to top",
        "» Read more",
        "Share | Tweet | Email",
        "ADVERTISEMENT",
        "Advertisement - Continue Reading Below",
        "Story continues below advertisement",
        "Share this article",
        "Share on Twitter",
        "Subscribe",
        "Sign up for our newsletter",
        "Sign up for our daily newsletter and get the top stories in your inbox.",
        "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        "Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters.",
        "Click here for more information.",
        "Click here to subscribe to our daily newsletter.",
        "Follow us on Twitter and Facebook for more local news.",
        "Follow Newsroom Weekly on Instagram, Facebook and YouTube.",
        "Photo: Jonas Vik/Getty Images",
        "(Photo by Jonas Vik/Getty Images)",
        "Image: Reuters",
        "Photograph: Dana Whitfield/AP",
        "AP Photo/Dana Whitfield",
        "Dana Whitfield / AFP via Getty Images",
        "Image copyright Getty Images",
        "Read more: Ferry operator cuts timetable as bridge reopens",
        "READ MORE: Ferry operator cuts timetable",
        "Related: What the corrosion report found",
        "We use cookies to improve your experience. By continuing to browse you accept them.",
        "This website uses cookies to give you the best experience.",
        "12 Comments",
        "[button link='https://example.com/x' type='big']Send us your review[/button]",
        "Updated at 1:23 p.m.",
        "Tell us what you think...",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "He said the advertisement was misleading.",
        "Advertisement revenue fell 12 percent in the third quarter.",
        "Share prices fell 3 percent on Monday.",
        "The company said it would share the data with regulators.",
        "Subscribers to the service rose by 1.2 million last year.",
        "Top officials met in Geneva on Monday.",
        "Follow-up inspections found no further damage.",
        "Photographers were kept away from the scene by police.",
        "Sign up for the bundle using the same email as your streaming account.",
        '"Click here to claim your prize," the fraudulent message read.',
        '"We use cookies," the company admitted in a statement.',
        "The regulator said websites must ask before they use cookies to track visitors.",
        "Readers were told to subscribe to the paper's print edition, which costs $12 a month, "
        "in a campaign that the union said had misled thousands of pensioners.",
        "Getty Images said it would appeal the ruling.",
        "Reuters reported the figure on Tuesday.",
        "Related companies were also fined.",
        "Updated figures show 4,000 homes without power.",
        "Watch the skies tonight: the Perseid meteor shower peaks at 2 a.m.",
        "More than 300 people attended.",
        "Comments made by the minister drew criticism.",
        "* * *",
        "Don't miss the deadline, officials warned.",
        "Unlocking the city's potential will take years.",
        "She has worked for Reuters.",
        "The report was shared 24/7 via Reuters.",
        "Sign up was slow, the registrar said.",
        "Popular: Top Gear has helped steer the BBC’s iPlayer to record levels after four "
        "episodes shown in February notched up nine million views.",
        "Pictured: The singer, 66, with his wife Ayse at the 1990 Eurovision Song Contest",
        "Source: American Liver Foundation",
        "Photo: Police said 3,000 people gathered outside parliament, where officers fired "
        "tear gas shortly after midnight",
        "______________",
    ],
)
def test_real_sentences_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_link_list_after_related_heading_is_removed_until_text_resumes() -> None:
    lines = [
        "The storm cut power to 4,000 homes.",
        "Related:",
        "- Storm season: what to expect",
        "Power cuts hit the east coast",
        "Crews expect to restore power by Friday, the utility said.",
        "Schools will reopen on Monday",
    ]
    assert furniture_lines(lines) == frozenset({1, 2, 3})


def test_a_link_line_takes_only_bulleted_lines_with_it() -> None:
    lines = [
        "Read more: Ferry operator cuts timetable",
        "- Council approves bridge budget",
        "Funding gap",
        "The county still needs 40 million kroner.",
    ]
    assert furniture_lines(lines) == frozenset({0, 1})


def test_clean_furniture_keeps_plain_text_exactly_except_furniture_lines() -> None:
    text = (
        "Officials oppose the plan, he said.\r\n\r\n"
        "Share this article\r\n\r\n"
        "  The vote is on Oct. 7.  \r\n\r\n"
        "scroll to top\r\n"
    )
    assert clean_furniture(text) == (
        "Officials oppose the plan, he said.\r\n\r\n  The vote is on Oct. 7.  \r\n"
    )


def test_clean_furniture_leaves_text_without_furniture_untouched() -> None:
    text = "First line.\n\n\nSecond line with odd   spacing.\n"
    assert clean_furniture(text) is text


@given(
    st.lists(
        st.sampled_from(
            [
                "Advertisement",
                "scroll to top",
                "",
                "   ",
                "The vote passed 7 to 4.",
                "He said the advertisement was misleading.",
                "Share prices fell.",
                "Read more: elsewhere",
            ]
        ),
        max_size=12,
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_clean_furniture_only_removes_lines(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    cleaned = clean_furniture(text)
    kept = [line for line in cleaned.splitlines() if line.strip()]
    original = [line for line in text.splitlines() if line.strip()]
    # what is left is the original's real lines, in order, none altered
    assert kept == [line for line in original if not is_furniture(line)]


_TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='x'>",
        "</div>",
        "<br>",
        "<script>",
        "</script>",
        "<nav>",
        "</nav>",
        "<html>",
        "<body>",
        "</body>",
        "<!-- c -->",
        "<h1>",
        "</h1>",
        "<",
        ">",
        "&amp;",
    ]
)
_WORDS = st.sampled_from(["The vote passed.", "Advertisement", "scroll to top", "7 to 4", "\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_TAGS, _WORDS), max_size=40))
def test_any_tag_soup_gives_an_article_or_empty_input(parts: list[str]) -> None:
    try:
        article = extract("".join(parts))
    except EmptyInputError:
        return
    assert article.text.strip()
    assert "\n\n\n" not in article.text
