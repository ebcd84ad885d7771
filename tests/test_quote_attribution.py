"""Speaker attribution: patterns of news language found while studying errors on the
PolNeAR train set (each example is written here, not copied from the data)."""
from __future__ import annotations

import pandas as pd
import pytest

from mediakit.quotes import extract_quotes, quotes
from quote_checks import checked_rows as _rows
from quote_checks import checked_speakers as _speakers


def test_someones_spokesman_or_adviser_is_not_that_person() -> None:
    text = ("Hillary Clinton spoke in Ohio. “The report is outrageous,” said a spokesman for "
            "Democratic presidential candidate Hillary Clinton. “We have a ton of work to do,” "
            "said a longtime adviser to Donald Trump.")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == [None, None]
    assert rows[0]["role"].startswith("a spokesman for")
    assert rows[1]["role"] == "a longtime adviser to Donald Trump"


def test_an_unnamed_partisan_is_nobody_named() -> None:
    rows = _rows("“She is too far behind,” said an Iowa Democrat. “There is no advantage,” "
                 "said one unaligned Florida Republican strategist.")
    assert [r["speaker"] for r in rows] == [None, None]


def test_adjective_before_a_known_name_still_names_them() -> None:
    rows = _rows("Trevor Noah hosted the show. A flabbergasted Noah quipped, “It is like a lawyer.”")
    assert rows[0]["speaker"] == "Trevor Noah"


def test_possessive_owner_is_part_of_the_role() -> None:
    rows = _rows("“It is fine,” said The Wall Street Journal’s Jennifer Smith.")
    assert rows[0]["speaker"] == "Jennifer Smith"
    assert rows[0]["role"] == "The Wall Street Journal’s"


def test_main_subject_keeps_the_pronoun_over_a_clause_subject() -> None:
    # naming Kasich as the speaker of "every state" must not demote him to a clause
    # subject, below "if Sanders wins"
    text = ("Bernie Sanders leads in Iowa.\n\nRepublicans do not seem to take Sanders' argument "
            "seriously.\n\nOhio Gov. John Kasich, a Republican presidential contender, predicted at "
            "the most recent GOP debate that Republicans will take \"every state\" if Sanders wins "
            "the Democratic nomination.\n\n\"That is not even an issue,\" he said to applause.")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["John Kasich", "John Kasich"]


def test_said_adding_belongs_to_the_subject_of_said() -> None:
    text = ("Paul Ryan and Donald Trump will meet next week, Sean Spicer said, adding, "
            "\"They need to sit down and have a good talk.\"")
    assert _rows(text)[0]["speaker"] == "Sean Spicer"


def test_name_before_a_colon_introduces_the_quote() -> None:
    text = ("RED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: “Gallup’s analysis finds that "
            "20 states are solidly Republican.”\n\nMore from Jones: “The partisanship of the state "
            "is a starting point.”")
    assert _speakers(text) == ["Jeffrey M. Jones", "Jeffrey M. Jones"]


def test_quoted_as_saying_after_the_quote() -> None:
    text = ("Matt Braynard runs the data. Corey Lewandowski hired him. “Our method succeeds,” "
            "Braynard is quoted as saying.")
    assert _rows(text)[0]["speaker"] == "Matt Braynard"


def test_organisation_words_make_no_person_between_quotes() -> None:
    text = ("“The report sheds light on lax security,” said Lamar Smith, a Republican from Texas "
            "who chairs the House of Representatives Committee on Science, Space and Technology."
            "\n\n“The intent to evade oversight is a serious offense.”")
    assert _speakers(text) == ["Lamar Smith", "Lamar Smith"]


def test_an_organisation_keeps_its_name_and_is_not_he() -> None:
    text = ("Kevin Swanson is a pastor. Swanson slammed the group on his show, “Generations,” "
            "Right Wing Watch first reported.\n\n“Jesus means what he says,” he said.")
    rows = _rows(text)
    assert rows[0]["speaker"] == "Right Wing Watch"
    assert rows[-1]["speaker"] == "Kevin Swanson"


def test_an_object_after_the_quote_is_not_an_inverted_speaker() -> None:
    text = ("Republican candidate Donald Trump said Hillary Clinton lacks “the strength or the "
            "stamina” needed to run the country.\n\nTrump further summed up Clinton as “terrible,” "
            "denounced her record as secretary of state and said she should not run for office.")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["Donald Trump", "Donald Trump"]


def test_two_appositives_before_the_verb() -> None:
    text = ("Marty West, an education professor who worked for Sen. Lamar Alexander (R-Tenn.), "
            "one of the bill’s architects, called it “an incredibly significant development.”")
    assert _rows(text)[0]["speaker"] == "Marty West"


def test_an_aside_with_its_own_comma_before_said() -> None:
    text = ("Hillary Clinton campaigned in Kentucky. Clinton, during a town hall meeting in "
            "Columbus, Ohio, said she was \"going to put a lot of coal miners out of business.\"")
    assert _rows(text)[0]["speaker"] == "Hillary Clinton"


def test_owner_opening_a_sentence_is_the_antecedent() -> None:
    text = ("Donald Trump spoke. But he spent more time mocking a familiar target: Jeb Bush. "
            "Trump’s biggest applause came when he said \"zero.\"")
    assert _rows(text)[0]["speaker"] == "Donald Trump"


def test_age_place_and_relative_clause_between_name_and_verb() -> None:
    text = ("\"Both candidates scare me,\" Harry Bond, 30, of Raleigh, N.C., who was among those "
            "polled, said in a follow-up interview.")
    assert _rows(text)[0]["speaker"] == "Harry Bond"


def test_role_then_name_in_apposition_after_the_verb() -> None:
    text = ("\"It is about time that we had a woman running this country,\" exhorted Clinton's "
            "introducer, actress Jamie Lee Curtis.")
    row = _rows(text)[0]
    assert row["speaker"] == "Jamie Lee Curtis"
    assert row["role"] == "actress"


def test_role_then_name_in_apposition_before_the_verb() -> None:
    text = ("\"By December, California stuck out as a place to compete,\" Sanders's campaign "
            "manager, Jeff Weaver, said in an interview.")
    assert _rows(text)[0]["speaker"] == "Jeff Weaver"


def test_a_person_noun_in_apposition_makes_an_unknown_first_name_a_person() -> None:
    # "Naureen" is in no first-name table; ", a Sanders supporter" says she is a person,
    # and "Clinton" after "think" is what she thinks about, not a new subject
    text = ("Hillary Clinton campaigned in California.\n\nNaureen Jahangir, a Sanders supporter "
            "from Hemet, California, is among those who say they will not back Clinton. The "
            "campaign was the first time she had been involved, and she doesn't think Clinton "
            "can address the issues.\n\n“It is a false choice,” she said.")
    assert _rows(text)[0]["speaker"] == "Naureen Jahangir"


def test_a_plural_noun_is_not_a_reporting_verb() -> None:
    text = ("China's influence has provoked mixed feelings in many Asian states, and it has used "
            "\"velvet gloves\" in its dealings with Central Asia, said Nargis Kassenova, an expert "
            "at KIMEP University.")
    assert _rows(text)[0]["speaker"] == "Nargis Kassenova"


def test_a_particle_phrase_used_literally_is_no_cue() -> None:
    text = ("Ted Cruz declined. By contrast, Sen. Marco Rubio said that once the Senate goes on "
            "recess, “I intend to do as much as I can.”")
    assert _rows(text)[0]["speaker"] == "Marco Rubio"


def test_a_time_phrase_opens_the_sentence() -> None:
    text = ("Sheldon Adelson spoke. Hours later, Donald Trump returned the compliment to Adelson, "
            "telling Reuters, “Sheldon and I have been friends.”")
    assert _rows(text)[0]["speaker"] == "Donald Trump"


def test_a_possessive_role_before_a_name_in_apposition() -> None:
    text = ("“Positions are gonna soften,” California Rep. Duncan Hunter’s chief of staff, Joe "
            "Kasper, told POLITICO.")
    assert _rows(text)[0]["speaker"] == "Joe Kasper"


def test_said_adding_does_not_take_a_noun_for_a_verb() -> None:
    text = ("Donald Trump spoke. Paul Ryan spoke. Ryan’s campaign shrugged off Trump’s comments, "
            "telling reporters, “Nobody on his team has ever asked.”")
    assert _rows(text)[0]["speaker"] != "Donald Trump"


def test_a_sentence_opening_with_and_then_an_intro() -> None:
    text = ("Pat McCrory won in 2012. And after the Supreme Court refused to reinstate the law, "
            "Gov. Pat McCrory (R) blamed the court's \"four liberal justices who blocked our "
            "sensible voter laws.\"")
    assert _rows(text)[0]["speaker"] == "Pat McCrory"


def test_a_place_phrase_before_a_name_is_not_a_spokesman_for() -> None:
    text = ("Saturday at the Massachusetts Democratic party convention Sen. Elizabeth Warren "
            "(D-MA) said the nominee was a “proven failure” in business.")
    assert _rows(text)[0]["speaker"] == "Elizabeth Warren"


def test_a_middle_initial_is_part_of_the_name() -> None:
    text = ("Roberta A. Kaplan, a lawyer who represented the plaintiffs, invoked the state's "
            "history in June. \"There can't be separate but equal marriage,\" she told the judge.")
    assert _rows(text)[0]["speaker"] == "Roberta A. Kaplan"


def test_surmised_is_a_reporting_verb() -> None:
    text = "Her father, Brad, 39, worried about it.\n\n\"People are afraid of wasting their votes,\" he surmised."
    assert _rows(text)[0]["speaker"] == "Brad"


def test_a_country_is_not_he_and_a_title_in_apposition_makes_a_person() -> None:
    text = ("North Korea said it had tested a bomb. \"We are ready,\" North Korea said.\n\n"
            "Yukiya Amano, director general of the International Atomic Energy Agency, said "
            "that North Korea is violating resolutions, which he added \"is deeply regrettable.\"")
    rows = _rows(text)
    assert rows[-1]["speaker"] == "Yukiya Amano"


def test_went_on_about_is_speech_and_officials_at_names_nobody() -> None:
    text = ("Donald Trump spoke in Ohio. Kevin was drifting off again, and as Trump went on about "
            "“how the system is rigged,” the crowd cheered.")
    assert _rows(text)[0]["speaker"] == "Donald Trump"
    text = ("Officials at Homeland Security Investigations, a division of ICE, said they were "
            "concerned that preparers \"may try to circumvent\" the program.")
    assert _rows(text)[0]["speaker"] is None


def test_surname_alone_proves_an_unfamiliar_full_name() -> None:
    # "Florent" is in no first-name table: the later "Groberg, 33," shows a person
    text = ("Florent Groberg is a former Army captain who backs Hillary Clinton.\n\n"
            "Groberg, 33, explained why he will not support Donald Trump.\n\n"
            "“He has zero military experience,” he said.")
    assert _speakers(text) == ["Florent Groberg"]


def test_a_role_led_subject_after_an_opening_phrase_is_the_main_subject() -> None:
    text = ("In a memo released Tuesday, Clinton campaign manager Robby Mook said Bernie Sanders "
            "had split the first contests, which is an outcome, he said, “we have long anticipated.”")
    assert _speakers(text) == ["Robby Mook"]


def test_a_name_modifying_a_role_is_not_the_subject() -> None:
    text = ("Mitt Romney endorsed him. Former George Bush speechwriter Noam Neusner wrote a column "
            "about the campaign. He wrote that Trump “has built a movement.”")
    assert _speakers(text) == ["Noam Neusner"]


def test_a_plural_title_is_not_part_of_the_name() -> None:
    text = ("Sens. Rand Paul and Marco Rubio argued about spending. “You cannot be conservative "
            "that way,” Paul said.")
    assert _speakers(text) == ["Rand Paul"]


def test_a_sentence_ending_in_x_said_is_xs_for_the_next_pronoun() -> None:
    text = ("Ted Cruz held rallies in Texas.\n\nRobert Stovall ran the county party.\n\n"
            "Cruz electrified the small crowds with speeches, Stovall said.\n\n"
            "“He was very articulate,” he said.")
    assert _speakers(text) == ["Robert Stovall"]


def test_a_name_in_the_last_cue_sentence_does_not_interrupt_the_speaker() -> None:
    text = ("Donald Trump rarely admits a mistake.\n\n"
            "\"We made a terrible mistake getting involved,\" he told CNN's Chris Cuomo in October.\n\n"
            "Then, later that month on CNN: \"I've never said we made a mistake.\"")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["Donald Trump", "Donald Trump"]
    assert rows[1]["continued"]


def test_a_first_name_ending_like_an_adverb_opens_no_introductory_phrase() -> None:
    # "Carly" (-ly) and "Ted" (-ed) looked like "Clearly," and "Asked,"
    text = ("Intro.\n\nCarly Fiorina threw her support behind Ted Cruz on Wednesday, saying it is "
            "time to have a “real constitutional conservative.”")
    assert _speakers(text) == ["Carly Fiorina"]


def test_a_lower_case_role_before_the_sentence_subject() -> None:
    text = ("Intro.\n\nWeighing in on the discussion, former Arkansas Gov. Mike Huckabee agreed, "
            "praising his rival as \"one of the most gifted stars that we've got.\"\n\n"
            "The former Republican presidential candidate continued, saying, \"You need somebody.\"")
    rows = _rows(text)
    assert rows[0]["speaker"] == "Mike Huckabee"
    assert rows[1]["speaker"] is None  # a description, not the name "Republican"


def test_a_dash_line_under_the_quote_names_its_speaker() -> None:
    # the fact-check layout: the claim, then "- Name." on a line of its own
    text = ("Here are some claims from the debate.\n\n"
            "\"Almost all new income is going to the top 1 percent.\"\n\n- Bernie Sanders.\n\n"
            "The senator is relying on an outdated statistic.\n\n"
            "\"I went to Wall Street before the crash.\"\n\n— Clinton.\n\nClinton has a point.")
    assert _speakers(text) == ["Bernie Sanders", "Clinton"]


def test_an_attribution_set_off_in_the_sentence_makes_its_subject() -> None:
    text = ("Cynthia Estlund teaches law.\n\nAnd Trump, said Louise Sunshine, who remains friendly with "
            "her former boss, does not forget. \"If you let him down, you only have one shot,\" she said.\n\n"
            "Federal mandates are a burden, said Todd Wilcox, an Orlando Republican, after Ron DeSantis spoke.\n\n"
            "\"There is more money spent on compliance,\" he said.")
    assert _speakers(text) == ["Louise Sunshine", "Todd Wilcox"]


def test_to_a_named_person_comma_makes_the_holder_of_the_view() -> None:
    text = ("Christine Todd Whitman spoke first.\n\nTo political science professor Brigid Harrison, "
            "the governor's stare seemed to reflect sadness.\n\n\"It looked like heartbreak,\" she said.\n\n"
            "To help Ted Cruz, Jeb Bush left the race. \"It was time,\" he said.")
    assert _speakers(text) == ["Brigid Harrison", "Jeb Bush"]


def test_a_definite_description_names_the_person_given_that_role() -> None:
    text = ("Title.\n\nIowa Sen. Joni Ernst introduced Florida Sen. Marco Rubio, who spoke for an hour.\n\n"
            "“We will win,” the Florida senator said.\n\n"
            "Vice President Joe Biden was there. “It was fine,” the former president said.")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["Marco Rubio", None]
    assert rows[0]["role"] == "the Florida senator"


def test_a_description_of_a_salient_person_of_unknown_role_stays_unnamed() -> None:
    # Cruz, the subject just before, is never called a senator: not McCain, who is
    text = ("Title.\n\nSen. John McCain spoke on Monday.\n\nTed Cruz defends himself in a "
            "commercial: \"Securing our borders matters,\" the senator says.")
    assert _speakers(text) == [None]


def test_a_description_goes_on_from_the_subject_of_the_sentence_before() -> None:
    # news writing names a person, then calls them by a description: "Cruz warned …
    # “…,” the Texas senator said" (Rubio, named before with no role, may not be the one
    # the old rule wanted alone; nobody named since, nobody else given a senator's role)
    text = ("Title.\n\nTed Cruz and Marco Rubio campaigned across rural Iowa on Monday, meeting voters in diners.\n\n"
            "Cruz warned against a brokered convention. “That would be a disaster,” the Texas senator said.\n\n"
            "Sheldon Adelson met the candidate in Macau. “It was very nice,” the gambling tycoon told Reuters.")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["Ted Cruz", "Sheldon Adelson"]
    assert [r["role"] for r in rows] == ["the Texas senator", "the gambling tycoon"]


@pytest.mark.parametrize(("middle", "why"), [
    ("“It was fine,” the spokesman said.", "one who speaks for another"),
    ("He met an organizer there. “You are welcome,” the organizer told him.", "the head used since"),
    ("He thanked Gov. Jane Doe. “We are ready,” the senator said.", "someone named since, of unknown fit"),
    ("“We are ready,” the President said.", "a capitalised title names an office"),
])
def test_a_description_is_not_carried_over_when_it_may_be_someone_else(middle: str, why: str) -> None:
    text = (f"Title.\n\nTed Cruz and Marco Rubio campaigned across rural Iowa on Monday, meeting voters in "
            f"diners.\n\nCruz spoke in Des Moines. {middle}")
    assert _speakers(text) == [None], why


def test_a_description_is_not_carried_over_to_the_one_who_asked() -> None:
    text = ("Title.\n\nBernie Sanders and Gloria Borger talked on CNN on Sunday for half an hour.\n\n"
            "“That would be you?” Borger asked.\n\n“That would be me, yes,” the senator said.")
    assert _speakers(text) == ["Gloria Borger", None]


def test_a_description_is_not_carried_over_to_an_organisation() -> None:
    text = ("Title.\n\nThe Canadian Chamber of Commerce criticised the plan on Monday. And Marco Rubio "
            "spoke.\n\nThe Canadian Chamber of Commerce wrote to members. “This is brutal,” the foreign minister said.")
    assert _speakers(text) == [None]


def test_a_surname_that_is_also_a_month_or_a_stop_word_names_the_person() -> None:
    # "Theresa May" is not "Theresa", and "May said" is her; "in May", "May 5" are months
    text = ("Title.\n\nBritish Prime Minister Theresa May spoke in London on Monday about the deal.\n\n"
            "“We will leave,” May said. In May, Jean Dupont said, “Yes.” The talks began May 5.\n\n"
            "May told reporters it was “fine.” Pfizer chief executive Ian Read spoke too. “No,” Read said.")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["Theresa May", "Jean Dupont", "Theresa May", "Ian Read"]
    assert [r["speaker_mention"] for r in rows] == ["May", "Jean Dupont", "May", "Read"]
    # without the full name, a month is nobody
    assert _speakers("Title.\n\nThe vote was held in May, and John Smith won it easily that day.\n\n"
                     "“We won,” he said.") == ["John Smith"]


def test_a_floating_quote_after_a_paragraph_about_something_else_is_nobodys() -> None:
    # next paragraph: the speaker goes on; after a paragraph that neither names them
    # nor has a "she" (nor an "I", nor is their transcript turn), not surely theirs
    head = ("Title.\n\nMary Jones, a retired nurse from Ohio, spoke on Monday at the town hall.\n\n"
            "“We are tired,” Jones said.\n\n")
    assert _speakers(head + "“We want change.”") == ["Mary Jones", "Mary Jones"]
    assert _speakers(head + "She pauses.\n\n“We want change.”") == ["Mary Jones", "Mary Jones"]
    assert _speakers(head + "The state budget was passed in June after a long fight.\n\n"
                            "“We want change.”") == ["Mary Jones", None]
    # a transcript: a question's quote does not go on from the answer before it
    text = ("MS. PSAKI:  I said, “We will act.”\n\nAnd we will.\n\n"
            "Q    They are saying, “We need more weapons.”  What is your answer?")
    assert _speakers(text) == ["Psaki", None]


def test_a_first_name_that_is_also_a_title_and_bodies_named_by_their_last_word() -> None:
    # "Dean" is a first name before a surname alone or after a title; "Convention",
    # "Legion" end the name of a body (org_words), which speaks by its whole name
    text = ("Title.\n\nThe economist Dean Baker studies trade policy in Washington.\n\n"
            "“It will not work,” said Dean Baker. “No,” said Representative Dean Phillips.\n\n"
            "“We are united,” the Democratic National Convention said. The American Legion said it was “troubled.”")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["Dean Baker", "Dean Phillips", "Democratic National Convention",
                                            "American Legion"]
    assert rows[1]["role"] == "Representative"


def test_retaliated_and_marvelled_report_speech() -> None:
    text = ("Title.\n\nFrançois Hollande answered Donald Trump on Monday in a long speech in Paris.\n\n"
            "“France is no longer France,” Trump claimed.\n\n"
            "“France will always be France,” an angry Hollande retaliated.")
    assert _speakers(text) == ["Donald Trump", "François Hollande"]
    text = ("Title.\n\nParis mayor Anne Hidalgo toured the new tram line on Monday with reporters.\n\n"
            "Officials rode along. “It works,” marvelled Hidalgo.")
    assert _speakers(text) == ["Anne Hidalgo"]


def test_indefinite_pronouns_and_a_texts_furniture_are_no_names() -> None:
    text = ("Title.\n\nVoters in Iowa met on Monday to talk about the long campaign ahead.\n\n"
            "Someone called it a “quiet revolution,” and I agree.")
    assert _speakers(text) in ([], [None])  # (nobody named: a phrase or unattributed speech)
    rows = _rows("Title.\n\nThe senator spoke on Monday in Ohio for an hour to voters.\n\n"
                 "Partial transcript as follows:\n\n“We arrived in Cleveland and went to a restaurant.”")
    assert [r["speaker"] for r in rows] != ["Partial"]


def test_a_signature_line_may_describe_the_speaker_after_a_comma() -> None:
    text = ("Title.\n\nThe convention ended on Thursday night in Philadelphia with a long speech.\n\n"
            "\"Great speech. She's tested. She's ready.\"\n\n-President Obama, tweeting after Clinton's speech.")
    assert _speakers(text) == ["Obama"]


def test_a_preposition_that_is_a_surname_names_the_person_by_a_verb() -> None:
    text = ("Title.\n\n\"It was a good time for the party,\" said Al From, who helped found the DLC in 1985.\n\n"
            "From the start, the group fought. \"Our challenge was hard,\" From said.\n\n"
            "From agreed that it was not the flashpoint. \"The circumstances changed,\" From said.")
    assert _speakers(text) == ["Al From"] * 3


def test_a_name_in_apposition_after_a_relative_or_people_of_a_role_speaks() -> None:
    text = ("Title.\n\nJohn Lazar was sentenced on Monday in Virginia after a long trial.\n\n"
            "\"We need him,\" his wife, Gabriela Violeta Lazar, wrote in a letter to the court.\n\n"
            "One of the university's top executives, Michael Sexton, testified that “none of the professors” were chosen.")
    assert _speakers(text) == ["Gabriela Violeta Lazar", "Michael Sexton"]


def test_a_sentences_first_word_that_the_text_writes_in_lower_case_is_no_speaker() -> None:
    text = ("Title.\n\nThe governor has been an incredible partner, and it does not matter what party he is in.\n\n"
            "Matter of fact, I called him before he called me, saying, “What do you need?”\n\n"
            "Generations of sentinels have taken the post over many generations, pledging their “eternal vigilance.”")
    assert _speakers(text) == [None, None]  # (not "Matter", not "Generations")
    # a first name that is also a word stays a name: "Will" is a first name
    text = "Title.\n\nThe team will meet on Monday in the capital city to talk.\n\n“We are ready,” Will said."
    assert _speakers(text) == ["Will"]


def test_a_name_in_apposition_after_a_described_speaker_after_the_verb() -> None:
    text = ("Title.\n\nThe FBI looked at the case in 2014 for a long time.\n\n"
            "\"We did not find ties of any consequence,\" said the bureau's director, James B. Comey.\n\n"
            "\"We did not find ties,\" said the official, speaking on condition of anonymity.")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["James B. Comey", None]
    # not a clause's subject after an "according to" phrase
    text = ("Title.\n\nThe First Lady Olena Zelenska spoke in Kyiv on Monday for an hour. The First Lady "
            "is convinced that Ukrainians will endure.\n\n"
            "According to the President's wife, Russian soldiers want to “destroy everything.”")
    assert _speakers(text) == ["Olena Zelenska"]


def test_a_role_in_apposition_before_the_name_is_the_role() -> None:
    text = ("Title.\n\nThe campaign met in Vermont on Monday for a long strategy session.\n\n"
            "“We will win,” Sanders’s campaign manager, Jeff Weaver, said.\n\n"
            "And Florida’s Republican attorney general, Pam Bondi, said, “We will see.”\n\n"
            "In his email to members, Richard Trumka said, “Vote.”")
    rows = _rows(text)
    assert [(r["speaker"], r["role"]) for r in rows] == [
        ("Jeff Weaver", "Sanders’s campaign manager"),
        ("Pam Bondi", "Florida’s Republican attorney general"),
        ("Richard Trumka", None),  # (an adverbial phrase, no role)
    ]


def test_a_clauses_opening_word_is_no_part_of_the_speakers_mention() -> None:
    text = ("Title.\n\nThe vote was held in the Senate on Monday after a long debate.\n\n"
            "I understand that the White House has consistently said, “Look to this deadline.”\n\n"
            "Is it a problem with what Secretary Antony Blinken called “last-mile” type stuff?")
    rows = _rows(text)
    assert [(r["speaker"], r["speaker_mention"]) for r in rows] == [
        ("White House", "the White House"), ("Antony Blinken", "Secretary Antony Blinken")]
    # not when someone is named before it: "the President noted that Russia …"
    text = ("Title.\n\nThe talks ended in Geneva on Monday after a long day.\n\n"
            "Later, the President noted that Russia wants the \"protection of Russian citizens.\"")
    assert _speakers(text) != ["Russia"]


def test_a_title_word_is_a_surname_after_a_first_name_or_an_honorific() -> None:
    # "King" is a title: after "Martin Luther" and after "Dr." it is a surname
    text = ("Title.\n\nWe honour the Reverend Dr. Martin Luther King Jr. today in Atlanta.\n\n"
            "As Dr. King said, “The battle is in our hands.”\n\n“Billie Jean King, you are the Queen,” he said.")
    rows = _rows(text)
    assert rows[0]["speaker"].startswith("Martin Luther King") and rows[0]["speaker_mention"] == "Dr. King"


def test_a_title_with_a_surname_picks_the_family_member_given_that_title() -> None:
    text = ("Title.\n\nPresident Barack Obama and first lady Michelle Obama arrived on Monday. "
            "Michelle Obama thanked the crowd.\n\n\"We are proud of you,\" President Obama said.")
    assert _speakers(text) == ["Barack Obama"]


def test_a_possessive_role_in_apposition_makes_a_person() -> None:
    text = ("Title.\n\nWhen Robby Mook, Clinton’s campaign manager was asked about a press "
            "conference, he laughed and said, “We’ll see.”")
    assert _speakers(text) == ["Robby Mook"]


def test_more_sentence_adverbs_open_an_introductory_phrase() -> None:
    text = ("Title.\n\nGordon Humphrey, who calls Donald Trump a sociopath, spoke on Monday. Rather, "
            "he said, the struggles of Trump’s campaign will unite the opposition.\n\n"
            "“To my knowledge, there is no heavy-hitter involved yet.”")
    assert _speakers(text) == ["Gordon Humphrey"]


def test_the_owner_of_what_was_said_speaks() -> None:
    text = ("Title.\n\nJeb Bush endorsed Ted Cruz on Wednesday. From Bush’s Facebook post: "
            "“We must move to overcome the divisiveness.”\n\nHillary Clinton got an email. "
            "Clinton’s response was: “Is Dalton Brody off Conn?”\n\n"
            "Donald Trump was angry. “This is a disgrace,” Trump’s statement said.")
    assert _speakers(text) == ["Jeb Bush", "Hillary Clinton", "Donald Trump"]


def test_a_us_state_is_never_a_person() -> None:
    # "South Carolina say" looked like a person speaking; then "he added" went to it
    text = ("Title.\n\nPeople in Sumter, South Carolina say the race is close.\n\n"
            "“He can win,” one voter said. “Cruz is strong,” he added.")
    assert _speakers(text) == [None, None]


def test_a_comma_and_a_lower_case_word_is_no_appositive_unless_it_is_a_role() -> None:
    from mediakit._quote_rules import rules
    from mediakit.quotes import _role_appositive

    heads = rules().appositive_heads
    assert _role_appositive("Yukiya Amano, director general of the IAEA, said", 12, heads)
    assert _role_appositive("Robby Mook, Clinton’s campaign manager was asked", 10, heads)
    # a clause, not an appositive: "In Sumter County, he met the governor"
    assert not _role_appositive("In Sumter County, he met the governor", 16, heads)


def test_the_role_of_a_place_is_that_role_holder_or_nobody() -> None:
    # "the President of Ukraine" is neither "Ukraine" nor a president of somewhere else
    text = ("Title.\n\nPresident of Ukraine Volodymyr Zelenskyy met with President Joseph Biden in the capital on a cold day.\n\n"
            "\"We are grateful,\" the President of Ukraine said.\n\n"
            "\"Our cash flow comes first,\" the CEO of Pioneer Natural Resources said.\n\n"
            "\"We will help,\" the President of Poland said.")
    assert _speakers(text) == ["Volodymyr Zelenskyy", None, None]


def test_a_contracted_pronoun_is_a_pronoun_and_an_office_head_is_not_the_office() -> None:
    text = ("Title.\n\nMy mother, Catherine Finnegan, loved sayings on a good day.  She’d say, "
            "“Out of everything bad, something good will come.”\n\n"
            "Andriy Yermak spoke on a long call. \"We will win,\" the Head of the President’s Office stressed.")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["Catherine Finnegan", None]
    assert rows[0]["speaker_mention"] == "She"
    assert rows[1]["role"] == "the Head of the President’s Office"
    rows = _rows("Title.\n\nEvery time I’d ride home on the train, I’d look out, and I’d wonder, "
                 "“What are they talking about?”")
    assert [(r["speaker"], r["speaker_mention"]) for r in rows] == [(None, "I")]


def test_a_name_in_apposition_to_an_opening_role_is_the_main_subject() -> None:
    text = ("Title.\n\nSamuel Nunberg sued the campaign on a Monday.\n\nTrump's attorney, Alan Garten, "
            "said Nunberg was \"looking for free publicity.\" He said Nunberg was bound by an agreement "
            "that is \"standard practice for all major businesses.\"")
    assert _speakers(text) == ["Alan Garten", "Alan Garten"]


def test_a_family_surname_means_the_one_named_just_before_else_the_first_introduced() -> None:
    filler = "The campaign moved on to other states and other matters in the weeks that followed. " * 6
    text = ("Title.\n\nHillary Clinton campaigned in Iowa on a cold Monday.\n\nVoters remember Bill Clinton's "
            "years in the White House fondly.\n\n" + filler + "\n\n\"We will win this state,\" Clinton said.\n\n"
            "Bill Clinton spoke later that night. \"She is ready,\" Clinton said.")
    assert _speakers(text) == ["Hillary Clinton", "Bill Clinton"]


def test_a_transcript_question_label_is_not_part_of_a_name() -> None:
    text = ("MS. PSAKI:  Go ahead.\n\nQ    Jen, the President spoke on Monday to the troops.  "
            "He said, “We will respond.”  What does that mean?\n\nMS. PSAKI:  It means what it says.")
    rows = _rows(text)
    assert rows and not any((r["speaker"] or "").startswith("Q ") for r in rows)


def test_a_chain_of_name_particles_stays_in_the_name() -> None:
    text = ("Title.\n\nThe talks went on in Brussels for hours.\n\n\"We will help,\" said Ursula von der "
            "Leyen. \"It is time,\" she added.")
    assert _speakers(text) == ["Ursula von der Leyen", "Ursula von der Leyen"]


def test_the_capitalised_title_as_a_description_names_its_holder() -> None:
    text = ("Title.\n\nPresident Volodymyr Zelenskyy met with Head of the Office of the President Andriy "
            "Yermak in Kyiv on a long day.\n\n\"We will win,\" the President said.\n\n"
            "\"It is known,\" the ones State hired said.")
    rows = _rows(text)
    assert rows[0]["speaker"] == "Volodymyr Zelenskyy"
    assert rows[0]["role"] == "the President"


def test_a_nationality_in_the_description_must_be_that_persons() -> None:
    # "the Chinese President" is not President Biden, the subject just before
    text = ("Title.\n\nPresident Biden met Xi Jinping by video on a long Monday night.\n\n"
            "Q  Thank you. You mentioned that President Biden talked about the commitments. "
            "What did the Chinese President say when Mr. Biden talked about, “You need to live up "
            "to the Phase One commitments”?")
    rows = _rows(text)
    assert rows and all(r["speaker"] != "Biden" for r in rows if r["speaker_mention"] == "the Chinese President")



def test_a_name_run_into_from_an_organisation_starts_at_the_given_name() -> None:
    # before: "Council Oleksiy Danilov" was the person, and no "he" could find him,
    # as "Oleksiy" was no known first name
    text = ("This was stated by Secretary of the National Security and Defense Council Oleksiy "
            "Danilov at a briefing. “The situation is under control,” he said. Deputy Prime Minister "
            "Iryna Vereshchuk spoke later. “The corridors are open,” she said.")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["Oleksiy Danilov", "Iryna Vereshchuk"]


def test_a_transcript_label_is_neither_a_speaker_nor_part_of_the_subject() -> None:
    # the question label made "Q    And" a subject (speaker "Q") and stood in the
    # mention of the subject after it
    text = ("MS. PSAKI:  Sure.\n\nQ    And one question on the messaging around vaccines, because "
            "initially, I think it was, you know: “Get the vaccine for protection.”\n\n"
            "MS. PSAKI:  Well, let me say this.\n\nQ    Senate Minority Leader Mitch McConnell has "
            "declared war on this effort. His office put out a memo last night that said Democrats "
            "will use, quote, “fake hysteria to break the Senate.” The President has been sharp.")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == [None, "Mitch McConnell"]
    assert rows[1]["speaker_mention"] == "Senate Minority Leader Mitch McConnell"


def test_a_role_of_an_office_is_not_a_person_before_of() -> None:
    # "Head of the Office" was taken for a person named before "of" (as in "Jeffrey Lewis
    # of the James Martin Center"), so the speaker was "Office"
    rows = _rows("Head of the Office of the President of Ukraine Andriy Yermak said: “We need weapons.” "
                 "“It is bad,” said Secretary of State Antony Blinken of the United States.")
    assert [r["speaker"] for r in rows] == ["Andriy Yermak", "Antony Blinken"]
    assert rows[0]["role"] == "Head of the Office of the President of Ukraine"


def test_a_name_modifying_a_noun_at_the_end_of_a_clause_is_no_subject() -> None:
    # "a devout Catholic and Donald Trump supporter." made Trump a clause subject (after
    # "and"), so the next "he" was Trump
    text = ("Joseph Murray is a lawyer in Ripley. He is a devout Catholic and Donald Trump supporter. "
            "He wrote a commentary.\n\n“The politics are just so blatant,” he said in an interview.")
    assert _speakers(text) == ["Joseph Murray"]


def test_the_head_of_state_is_the_president_named_before() -> None:
    # a role of several words (lexicon role_synonyms.csv: "head of state,president"); it
    # was read as a head "head" of "State", and 146 quotes of the Ukrainian presidency's
    # releases had no speaker
    text = ("President of Ukraine Volodymyr Zelenskyy met the Prime Minister of Poland. “We will "
            "win,” the Head of State said. “Thank you,” said the Ukrainian Head of State.")
    assert _speakers(text) == ["Volodymyr Zelenskyy", "Volodymyr Zelenskyy"]
    # a head of state given no president's role is nobody named
    text = "King Charles met Prime Minister Rishi Sunak. “We are grateful,” the Head of State said."
    assert _speakers(text) == [None]


def test_i_in_a_transcript_is_whoever_holds_the_turn() -> None:
    # "I" had no speaker (671 quotes of the shared corpora's transcripts); it is the
    # person the turn's label names, not a reporter's "I", not "THE PRESIDENT", who
    # need not be named in the text, and not the "I" of a text without turns
    text = ("National Security Advisor Jake Sullivan briefed the press.\n\n"
            "MS. PSAKI:  I would just remind you: I said, “diplomatic boycott.”\n\n"
            "Q    Thank you.  I asked him, “Is it enough?”\n\n"
            "MR. SULLIVAN:  Well.  And I said, “We will see.”\n\n"
            "More of it.  And I said, “Not yet.”\n\n"
            "President of Russia Vladimir Putin: Good afternoon. I said then, “No.”\n\n"
            "THE PRESIDENT:  Like President Putin, I said, “Yes.”\n\n"
            "SENIOR ADMINISTRATION OFFICIAL:  I said, “Maybe.”")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["Psaki", None, "Jake Sullivan", "Jake Sullivan", "Vladimir Putin",
                                            None, None]
    assert [r["role"] for r in rows] == ["Ms.", None, "Mr.", "Mr.", "President of Russia", "The President", None]
    assert _rows("I was there. I said, “No.”")[0]["speaker"] is None
    # the label's honorific gives a gender: "he" is not Psaki
    text = "John Kirby spoke first.\n\nMS. PSAKI:  I said, “Go ahead.”  He said, “We will see.”"
    assert _speakers(text) == ["Psaki", "John Kirby"]


def test_a_role_is_what_a_chain_of_of_opens_with() -> None:
    # "Head of the Office of the President Andriy Yermak" gave Yermak no role but what he
    # heads, so "the Head of the President's Office" found nobody (33 quotes of the
    # corpora); "Adviser to the Head of …" is an adviser, not a head
    text = ("Head of the Office of the President of Ukraine Andriy Yermak met Adviser to the Head of "
            "the President's Office Mykhailo Podolyak. They spoke about weapons.\n\n"
            "“We need weapons,” the Head of the President's Office said. “Now,” the Adviser said.")
    assert _speakers(text) == ["Andriy Yermak", "Mykhailo Podolyak"]
    # "to" links a chain too: the adviser to the President is an adviser, not a president
    text = ("This was stated by Adviser to the President of Ukraine Oleg Ustenko in an interview. "
            "According to Oleg Ustenko, gas is the issue.\n\n“We need an embargo,” the Adviser to "
            "the President said.")
    assert _speakers(text) == ["Oleg Ustenko"]
    # "for" links too, and a dash joins two titles of one person
    text = ("This was announced by Deputy Prime Minister - Minister for Reintegration of the Temporarily "
            "Occupied Territories Iryna Vereshchuk. According to her, buses left.\n\n“We need buses,” "
            "said the Deputy Prime Minister.")
    assert _speakers(text) == ["Iryna Vereshchuk"]
    # "and" inside a name of a body, not between two persons and their titles
    text = ("Secretary of the National Security and Defense Council Oleksiy Danilov met President of "
            "the Republic of Lithuania Gitanas Nausėda and President of the Republic of Poland Andrzej "
            "Duda. According to Oleksiy Danilov, it went well.\n\n“We are calm,” said the Secretary "
            "of the National Security and Defense Council. “We agree,” the President of Lithuania said.")
    assert _speakers(text) == ["Oleksiy Danilov", None]
    # the next of a list is no appositive: Shmyhal is not a deputy head
    text = ("The meeting was attended by Prime Minister of Ukraine Denys Shmyhal, Deputy Head of the "
            "President's Office Rostyslav Shurma, and others. Shurma spoke of gas.\n\n"
            "“Prices will not rise,” the deputy head of the President's Office said.")
    assert _speakers(text) == ["Rostyslav Shurma"]


def test_a_bare_description_goes_on_from_the_qualified_one_before_it() -> None:
    # with roles given by "of" chains, "the President" went to the president named last
    # (Bush, who had just spoken), not to the one "the President of Ukraine" had named
    text = ("President of Ukraine Volodymyr Zelenskyy spoke with the 43rd President of the United "
            "States George W. Bush. “You have our support,” said George W. Bush. The President of "
            "Ukraine stressed the help of the United States. “We feel it,” the President said.")
    assert _speakers(text) == ["George W. Bush", "Volodymyr Zelenskyy"]
    # not past a person named since: the salient one speaks
    text = ("President of Ukraine Volodymyr Zelenskyy spoke with President of the European Council "
            "Charles Michel. “We will help,” said the President of the European Council. "
            "Volodymyr Zelenskyy thanked Charles Michel. “We must unite,” the President said.")
    assert _speakers(text) == ["Charles Michel", "Volodymyr Zelenskyy"]


def test_a_long_role_word_with_a_period_ends_the_sentence() -> None:
    # "President." was read as an abbreviation ("Gov.", "Sen."), so the mention ran on
    # into the next sentence ("the President. He") and named nobody
    text = ("President of Ukraine Volodymyr Zelenskyy spoke in Davos. “We must act now,” said the "
            "President. He noted that grain is stolen. “Thank you,” said Gov. Mike Pence.")
    rows = _rows(text)
    assert [r["speaker_mention"] for r in rows] == ["the President", "Gov. Mike Pence"]
    assert [r["speaker"] for r in rows] == ["Volodymyr Zelenskyy", "Mike Pence"]


def test_the_title_names_a_transcripts_host_and_completes_its_labels() -> None:
    # "THE PRESIDENT:" names nobody in the text, and "MS. PSAKI:" only a surname; the
    # corpus's title (not part of the text) names them: 349 quotes of the White House
    # remarks went from no speaker to Biden, 59 from "Psaki" to "Jen Psaki"
    text = ("THE PRESIDENT:  Thank you.  I said, “We will build it.”\n\n"
            "She told me, “Go.”  And she was right.\n\nMS. PSAKI:  I said, “Let us see.”")
    rows = extract_quotes(text, title="Remarks by President Biden Celebrating the Infrastructure Law")
    assert rows["speaker"].tolist() == ["Biden", None, "Psaki"]
    rows = extract_quotes(text, title="Press Briefing by Press Secretary Jen Psaki")
    assert rows["speaker"].tolist() == [None, None, "Jen Psaki"]
    assert extract_quotes(text)["speaker"].tolist() == [None, None, "Psaki"]
    # the vice president is no president; quotes(df) reads the title column
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": [text, text],
                       "title": ["Remarks by Vice President Harris On Voting", None]})
    assert quotes(df)["speaker"].tolist() == [None, None, "Psaki", None, None, "Psaki"]
    text = text.replace("THE PRESIDENT", "THE VICE PRESIDENT")
    assert quotes(df.assign(text=text))["speaker"].tolist()[0] == "Harris"


def test_a_name_inside_a_title_case_run_of_the_title_names_the_host() -> None:
    # "Remarks By President Biden On …" is one run of capitals: the name is the stretch
    # between "By" and "On" (15 White House titles write "By"; 14 quotes of theirs went
    # from no speaker to Biden or Harris)
    text = "THE PRESIDENT:  Thank you.  I said, “We will build it.”"
    for title in ("Remarks By President Biden On Building A Better America",
                  "Remarks By President Biden At The Summit For Democracy Opening Session"):
        assert _speakers(text, title=title) == ["Biden"]
    text = text.replace("THE PRESIDENT", "THE VICE PRESIDENT")
    assert _speakers(text, title="Remarks By Vice President Harris On Voting Rights") == ["Harris"]
    # a run with no person in it names nobody
    assert _speakers(text, title="Remarks On The Bipartisan Infrastructure Deal") == [None]


def test_an_organisation_speaks_by_its_whole_name() -> None:
    # "the State Department" was a role ("the State") and a person ("Department"), "the
    # White House" nobody, though "the Kremlin" and "the Pentagon" spoke by name
    said = {
        "the State Department": "State Department",
        "The Russian Defense Ministry": "Russian Defense Ministry",
        "the White House": "White House",
        "The New York Times": "New York Times",
        "the Kremlin": "Kremlin",
    }
    for mention, speaker in said.items():
        rows = _rows(f"“We will respond,” {mention} said.")
        assert [(r["speaker"], r["role"]) for r in rows] == [(speaker, None)], mention
        rows = _rows(f"{mention[0].upper() + mention[1:]} said in a statement: “We will respond.”")
        assert [r["speaker"] for r in rows] == [speaker], mention
    rows = _rows("“We will respond,” the Ministry of Foreign Affairs of Ukraine said.")
    assert [r["speaker"] for r in rows] == ["Ministry of Foreign Affairs of Ukraine"]
    # a person's role, a titled name and an unnamed spokeswoman stay what they were
    rows = _rows("“We will respond,” the Secretary of State said.")
    assert [(r["speaker"], r["role"]) for r in rows] == [(None, "the Secretary of State")]
    rows = _rows("“We will respond,” said Atlantic City Mayor Don Guardian.")
    assert [r["speaker"] for r in rows] == ["Don Guardian"]
    rows = _rows("A spokeswoman for the House Armed Services Committee wrote, “It says nothing of the kind.”")
    assert [(r["speaker"], r["role"]) for r in rows] == [
        (None, "A spokeswoman for the House Armed Services Committee")]


def test_an_office_title_with_a_surname_is_the_holder_not_a_relative() -> None:
    # "President Biden" joined the one full name with that surname, the son's: 16
    # quotes of White House briefings went to "Hunter Biden", 8 to "Jill Biden"
    text = ("Q  The New York Times has authenticated emails from a laptop abandoned by Hunter "
            "Biden.  President Biden said the story was “a bunch of garbage.”  Does he stand by "
            "it?\n\nQ  And President Biden also said, “We will see.”")
    assert _speakers(text) == ["Biden", "Biden"]
    # the full name written with the title, or the one the alias table gives, is his
    text = "President Joe Biden spoke. Hunter Biden left a laptop. President Biden said: “That is garbage.”"
    assert _speakers(text) == ["Joe Biden"]
    text = "President Putin arrived. Vladimir Putin met Emmanuel Macron. President Putin said: “No.”"
    assert _speakers(text) == ["Vladimir Putin"]
    # a surname the table does not know: the full name introduced before the title
    text = "Emmanuel Macron arrived. President Macron said: “No.”"
    assert _speakers(text) == ["Emmanuel Macron"]
    # an honorific is no office: "Mr. Smith" still joins "John Smith"
    text = "John Smith arrived. Mr. Smith said: “No.”"
    assert _speakers(text) == ["John Smith"]


def test_a_name_between_commas_after_a_capitalised_title_is_the_subject() -> None:
    # only a lower-case role was looked for ("Hunter’s chief of staff, Joe Kasper, told")
    text = ("Q  Thank you, Jen. Russia’s Foreign Minister, Sergey Lavrov, said today that Moscow "
            "have “run out of patience” with the West.")
    assert _speakers(text) == ["Sergey Lavrov"]
    text = "The Etsy CEO, Josh Silverman, said that sellers are, quote, “well positioned.”"
    assert _speakers(text) == ["Josh Silverman"]
    # a capitalised word that is no title leaves the list of names alone
    text = "Senators Smith, Jones, said nothing. Later “We will see,” they said."
    assert _speakers(text) == [None]


def test_the_president_of_a_country_is_the_salient_president_given_no_country() -> None:
    # "President Volodymyr Zelenskyy" was given no country, so "the President of Ukraine"
    # named nobody; the salient person with that role and no country is the one
    text = ("This was stated by President Volodymyr Zelenskyy in an interview. Zelenskyy also "
            "expressed confidence. “We will not have a problem with weapons,” the President of "
            "Ukraine said.")
    assert _speakers(text) == ["Volodymyr Zelenskyy"]
    # another country's president is not: his role names his country
    text = ("Turkish President Recep Tayyip Erdoğan spoke in Ankara. Erdoğan also expressed "
            "confidence. “We will not have a problem with weapons,” the President of Ukraine said.")
    assert _speakers(text) == [None]
    # nor when someone not known as a person is named since ("Xi Jinping": no title)
    text = ("President Biden spoke. He met Xi Jinping by video. “We will not have a problem,” "
            "the President of China said.")
    assert _speakers(text) == [None]


def test_i_in_a_speech_without_turns_is_the_speaker_the_title_names() -> None:
    # 13 quotes of Zelenskyy's speeches and 5 of Yermak's had "I" and no speaker
    text = "Dear friends! This morning I replied: “Our people have become an army.” And I repeat it."
    said = {
        "Speech by President of Ukraine Volodymyr Zelenskyy in the Verkhovna Rada": "Volodymyr Zelenskyy",
        "Speech by Head of the Office of the President of Ukraine Andriy Yermak at Chatham House": "Andriy Yermak",
        "Video Address by President Biden on Earth Day": "Biden",
        "Press Briefing by Press Secretary Jen Psaki": None,  # a briefing is no speech
        "Address by the President of Ukraine on the Day of Remembrance": None,  # no one named
        "Our people have become an army": None,
    }
    for title, speaker in said.items():
        rows = extract_quotes(text, title=title)
        assert rows["speaker"].tolist() == [speaker], title
    # with turns, "I" is whoever holds the turn, and a reporter's is nobody's
    rows = extract_quotes("Q  I said, “No.”\n\nMS. PSAKI:  I said, “Yes.”",
                          title="Remarks by President Biden on Earth Day")
    assert rows["speaker"].tolist() == [None, "Psaki"]


def test_a_qualified_description_is_the_one_person_named_nearby_whose_role_is_unknown() -> None:
    # "the President of Russia" named nobody when Putin's role was not given
    text = ("Vladimir Putin sent a message of condolences. “We share your grief,” the President of "
            "Russia noted.")
    assert _speakers(text) == ["Vladimir Putin"]
    # not when someone else named nearby may be the one (neither is a known holder of
    # the office: Putin is, see office_holders)
    assert _speakers("Ivan Sidorov sent a message of condolences. “We share your grief,” the President of "
                     "Russia noted.") == ["Ivan Sidorov"]
    text = ("Ivan Sidorov met Viktor Orban in Moscow. “We share your grief,” the President of "
            "Russia noted.")
    assert _speakers(text) == [None]
    # a bare description still needs the role: "the president" is not whoever spoke last
    text = "Vladimir Putin sent a message of condolences. “We share your grief,” the president noted."
    assert _speakers(text) == [None]


def test_the_first_lady_and_the_presidents_wife_are_one_role() -> None:
    # "Lady." was read as an abbreviation ("Gov.", "Sen."), so "the First Lady." ran on
    # into the next sentence; and "the President's wife" was no role at all
    text = ("First Lady of Ukraine Olena Zelenska addressed the Council. “Help us,” said the First "
            "Lady. She went on. “Thank you,” the President's wife said.")
    rows = _rows(text)
    assert [r["speaker_mention"] for r in rows] == ["the First Lady", "the President's wife"]
    assert [r["speaker"] for r in rows] == ["Olena Zelenska", "Olena Zelenska"]
    # an abbreviated title still runs on into the name
    rows = _rows("“Help us,” said Gov. Mike Pence.")
    assert [r["speaker"] for r in rows] == ["Mike Pence"]


def test_a_contracted_pronoun_is_a_pronoun_after_other_words_and_for_you() -> None:
    # "You’ve" and "You’d" were speakers' names; "What I’ll say is" made the speaker "I’ll"
    text = "Q  The President has described “outrageous” things.  You’ve called them “atrocities.”"
    assert _speakers(text) == [None, None]
    assert _rows(text)[1]["speaker_mention"] == "You"
    text = "MS. PSAKI:  I mean, that is all.  What I’ll say is “we support them.”"
    rows = _rows(text)
    assert [(r["speaker_mention"], r["speaker"]) for r in rows] == [("I", "Psaki")]


def test_a_group_noun_opening_a_sentence_is_no_name() -> None:
    # capitalised as the sentence's first word, "People" and "Economists" had been taken
    # for names and spoke (11 corpus quotes); a group of unnamed people is described
    text = ("Smith said, “We go.”\n\nSo, a couple of things.  People are asking, “Isn’t this tough?”  "
            "Economists call this “productive capacity.”  Moms and dads are worried, asking, “Is there food?”")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["Smith", None, None, None]
    assert [r["speaker_mention"] for r in rows] == ["Smith", "People", "Economists", "Moms"]
    assert not any(r["continued"] for r in rows)
    # a name is still a name, and a surname that is no group noun still speaks
    assert _speakers("The mayor, Jane Parents, met us at the town hall on Monday.\n\n"
                     "Parents said, “We go.”") == ["Jane Parents"]


def test_a_sentence_opening_auxiliary_is_no_name() -> None:
    # "Let", "Have", "Is" opening a sentence had been names: "Let" spoke 3 corpus quotes,
    # and a reporter's scare quotes after "Is"/"Does" counted as speech (23 corpus quotes)
    text = ("The agency said, and I quote, “The bills do not add to inflation.”  "
            "Let me repeat that: “do not add to inflation.”")
    assert "Let" not in _speakers(text)
    assert _speakers("Q    Is the message shifting from “pandemic” to “endemic”?  Thanks.") == []
    assert "Have" not in _speakers("Many have not mentioned it. Have not mentioned the words: “Forgive me.”")


def test_a_title_chain_after_the_verb_runs_on_to_the_name() -> None:
    # "said Head of the Office of the President …" stopped at "Office", which spoke
    for text, who in (
        ("“It is very important,” said Head of the Office of the President of Ukraine Andriy Yermak.",
         "Andriy Yermak"),
        ("This was stated by Deputy Head of the Office of the President Kyrylo Tymoshenko in an "
         "interview: “It is very important.”", "Kyrylo Tymoshenko"),
    ):
        rows = _rows(text)
        assert [r["speaker"] for r in rows] == [who]
        assert rows[0]["role"].startswith(("Head of the Office of the President", "Deputy Head"))


def test_an_honorific_gives_a_surname_its_gender() -> None:
    # "Ms."/"Mr." had been dropped from "Ms. Morrison" with the sentence-initial words
    # that are no names, and their gender with it: "She" went to another woman named
    # before, "he" to another man (8 PolNeAR dev quotes of "Mr. Obama … he said")
    text = ("Toni Morrison won the prize that year, and Eliza Reid spoke first at the dinner.\n\n"
            "Ms. Morrison left us words to live by.  She said, “We need some kind of tomorrow.”")
    assert _speakers(text) == ["Morrison"]
    text = ("Mr. Obama met Laurence H. Tribe at the school in the autumn of that year.\n\n"
            "Mr. Obama dismissed the criticism.  “You know, I love Larry,” he said.")
    assert _speakers(text) == ["Obama"]
    # a transcript label's capitals are read by the label's own rule, and a surname the
    # text names only with an honorific still takes the full name the title gives
    text = ("(A note is handed to Ms. Psaki.)\n\nMS. PSAKI:  I said, “Let us see.”\n\n"
            "Q    To queries?\n\nMS. PSAKI:  “To queries.”  Okay.")
    assert _speakers(text, title="Press Briefing by Press Secretary Jen Psaki") == ["Jen Psaki", "Jen Psaki"]


def test_only_a_title_makes_the_word_after_it_a_person() -> None:
    # any word of any title ("state" of "secretary of state") had made the capitalised
    # word after it a person ("state Medicaid"), and an acronym was a first name ("CHIP",
    # Chip): "he" went to them (2 briefing quotes)
    text = ("Mitch McConnell spoke on Monday about the bill.\n\nSo, state Medicaid and CHIP "
            "programs are required to cover the tests.  And he said, “Not every district.”")
    assert _speakers(text) == ["Mitch McConnell"]
    # a whole title with "of" still does, and a title's last word
    assert _speakers("The bill passed.  “We go,” secretary of state Blinken said.") == ["Blinken"]
    assert _speakers("The bill passed.  “We go,” press secretary Psaki said.") == ["Psaki"]


def test_a_transcript_that_lost_its_line_breaks_still_has_turns() -> None:
    # the Kremlin transcripts are one line: "I" was whoever opened that line (Putin) all
    # the way through, and a floating quote continued a speaker across turns
    text = ("President of Russia Vladimir Putin: Good afternoon. I said, “We go.” Mr Peskov, please. "
            "Alexander Lukashenko: Yes, I would. I keep saying, “So what? Little brothers!” Thank you. "
            "Vladimir Putin: Thank you. We saw the “so-called” plan. I said, “Fine.”")
    assert _speakers(text) == ["Vladimir Putin", "Alexander Lukashenko", None, "Vladimir Putin"]
    rows = _rows(text)
    assert not rows[2]["continued"]


def test_a_summary_above_the_text_names_who_speaks_first() -> None:
    # the Kremlin's greetings open with "The message reads, in part: “…”" and name the
    # sender only in their summary column: 234 quotes had no speaker
    text = "The message reads, in part:“We are proud of you. It is a good day.” The event is held again."
    lede = "Vladimir Putin sent greetings to the participants of the forum."
    assert _speakers(text) == [None]
    assert extract_quotes(text, summary=lede)["speaker"].tolist() == ["Vladimir Putin"]
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": [text, text], "summary": [lede, None]})
    assert quotes(df)["speaker"].tolist() == ["Vladimir Putin", None]
    # not when the text names someone before the quote (the text's own subject speaks),
    # nor for a later quote
    named = "Ivan Petrov met them. The message reads, in part:“We are proud of you.”"
    assert extract_quotes(named, summary=lede)["speaker"].tolist() == ["Ivan Petrov"]
    later = "The forum opened on Monday.\n\nIt was held again.  It said, “We are proud of you.”"
    assert extract_quotes(later, summary=lede)["speaker"].tolist() == [None]
    # a summary whose subject is no person named in full names nobody
    assert extract_quotes(text, summary="Greetings were sent to the forum.")["speaker"].tolist() == [None]


def test_a_gendered_title_gives_its_holder_a_gender() -> None:
    # "Congresswoman" says what "Ms." says: "Frederica" is in no first-name table, so
    # "she" found no woman ("Congresswoman Axne … when she says, “I have a…”": 2 corpus
    # quotes)
    text = ("I talked to Congresswoman Frederica Wilson today, and she said she is opposing it.  "
            "She says the President “should ban all” of it.")
    assert _speakers(text) == ["Frederica Wilson"]
    assert _speakers(text.replace("Congresswoman", "Congressman")) == [None]


def test_a_reporters_he_after_the_president_is_the_president() -> None:
    # in a question, "he" after "the President" took the last man named before it (a
    # reporter called on by name, a senator asked about earlier): 27 briefing quotes
    text = ("MS. PSAKI:  Go ahead, Peter.\n\nQ    Thanks.  Senator Mitt Romney spoke today.  When the "
            "President was departing, he said it was “a good day.”  Is that right?\n\nMS. PSAKI:  Yes.")
    assert _speakers(text) == [None]
    # the president the article names, when it names one
    assert _speakers(text.replace("Senator Mitt Romney spoke today.", "President Joe Biden spoke today.")) \
        == ["Joe Biden"]
    # someone named after "the President" is still the one
    assert _speakers(text.replace("he said", "Mitt Romney said, and he said")) == ["Mitt Romney"]
    # not in the press secretary's own turn
    text = ("MS. PSAKI:  Senator Mitt Romney spoke today.  When the President was departing, he said it "
            "was “a good day.”")
    assert _speakers(text) == ["Mitt Romney"]


def test_a_first_name_that_opens_a_question_is_its_verb() -> None:
    # "Will he?" read as the first name Will: a later "he" went to "Will", a person who
    # is not in the text (3 briefing quotes on the shared corpora); modal_names.yaml
    text = ("Will Hurd, a Texas Republican, spoke on Monday. “We are ready,” he said. "
            "Will he run again? “Not this year,” he said.")
    assert extract_quotes(text)["speaker"].tolist() == ["Will Hurd", "Will Hurd"]
    text = ("Q    Will he sign it?  Will there be a call with them?\n\n"
            "MS. PSAKI:  Well, he told the senators, “I am ready to sign it.”")
    assert extract_quotes(text)["speaker"].tolist() == [None]


def test_a_group_is_no_name_a_place_or_a_capital_qualifies() -> None:
    # "officials in Moscow said" gave the speaker "Moscow", "residents of Kharkiv" the
    # speaker "Kharkiv", and "Seventeen Nobel laureates … said" the speaker "Seventeen
    # Nobel" (a number word opening a sentence is no name either)
    for text, mention in [
        ("“We are ready,” two officials in Moscow said.", "two officials in Moscow"),
        ("Residents of Kharkiv told reporters, “We are ready.”", "Residents of Kharkiv"),
        ("Seventeen Nobel laureates in economics wrote to me and said, “It will reduce inflation.”",
         "Nobel laureates"),
    ]:
        row = extract_quotes(text).iloc[0]
        assert (row["speaker"], row["speaker_mention"]) == (None, mention), text
    # a person before the preposition is still the one
    assert _speakers("“We are ready,” Jeffrey Lewis of the James Martin Center said.") == ["Jeffrey Lewis"]


def test_a_first_name_alone_is_the_one_person_named_in_full_with_it() -> None:
    # "I'll turn it over to Jake" after "Jake Sullivan": the speaker was a person "Jake"
    # (on the shared corpora: Jake Sullivan, Bob Dole, Jill Biden, Harry Reid in
    # briefings and eulogies, 56 quotes); in PolNeAR "Megyn was incredulous … she said"
    text = ("National Security Advisor Jake Sullivan joined the briefing. Jake said it was “useful.” "
            "Later Jake added: “There is more work to do.”")
    assert _speakers(text) == ["Jake Sullivan", "Jake Sullivan"]
    # two persons with that first name: nobody in particular
    text = ("Bill Clinton met Bill de Blasio. Bill said it was “useful.”")
    assert _speakers(text) == ["Bill"]
    # none named in full: the first name
    assert _speakers("“It was useful,” Brad said.") == ["Brad"]
    # a pronoun resolved to the first name gets the full name too
    text = ("Senator Bob Dole served for decades. I served with Bob. He said, “Biden would stay "
            "overnight and cause more trouble.”")
    assert _speakers(text) == ["Bob Dole"]


def test_a_he_after_a_sentence_whose_subject_is_a_title_is_its_holder() -> None:
    # "The Head of State also met doctors … “…,” he said" had gone to a grandfather
    # named before it (2 quotes in the Ukrainian releases)
    text = ("President Volodymyr Zelenskyy visited a hospital. Her grandfather, coach Oleksandr "
            "Obedinsky, lives in Chernivtsi and is in hospital with her. The Head of State also met "
            "with doctors and presented awards to them. “Thank you for your work,” he said.")
    assert _speakers(text) == ["Volodymyr Zelenskyy"]
    # a body is no "he"
    text = ("Defence Minister Oleksiy Reznikov spoke. The Ministry of Defense should also work closely "
            "with industry. “We must change the budget,” he said.")
    assert _speakers(text) == ["Oleksiy Reznikov"]


def test_my_and_your_open_a_description_like_his_and_her() -> None:
    # "my mother would say, “…”" in a speech had no cue, and the speaker fell back to
    # the speaker of the speech (5 quotes on the shared corpora)
    for text, mention in [
        ("I remember it well. My mother said, “Look at me, Joey.”", "My mother"),
        ("Senator Dan Inouye was there. “It matters,” my wife says.", "my wife"),
        ("When your editor says, “Explain the supply chain.” Okay?", "your editor"),
    ]:
        row = extract_quotes(text).iloc[0]
        assert (row["speaker"], row["speaker_mention"]) == (None, mention), text


def test_a_title_of_a_country_is_its_holder_not_the_country() -> None:
    # a sentence's "The" left out of the mention: "President of Ukraine" was read as the
    # role "President of" and the speaker "Ukraine" (4 quotes on the shared corpora)
    text = ('The President of Ukraine thanked the partners, emphasizing that "today we are working '
            'together."')
    row = extract_quotes(text).iloc[0]
    assert (row["speaker"], row["role"]) == (None, "President of Ukraine")
    assert _speakers("President Volodymyr Zelenskyy met them. " + text) == ["Volodymyr Zelenskyy"]


def test_more_groups_of_people_are_descriptions() -> None:
    # group_nouns.txt gained companies, politicians, diplomats, journalists, colleagues …:
    # "some politicians in Europe are beginning to say" had the speaker "Europe", "US
    # politicians, political scientists and journalists write" the speaker "US"
    for text, mention in [
        ("Some politicians in Europe are beginning to say that Ukraine must make “peace”.",
         "some politicians in Europe"),
        ("Just today we’ve heard Russian diplomats say they see “hysteria.”", "diplomats"),
        ("I often heard my colleagues say: “Yes, we overdid it there.”", "my colleagues"),
    ]:
        row = extract_quotes(text).iloc[0]
        assert (row["speaker"], row["speaker_mention"].lower()) == (None, mention.lower()), text


def test_a_place_before_an_unknown_given_name_ends_the_role() -> None:
    # "Airbus Vice President for Europe and Central Asia Kimon Sotiropoulos" was the name
    # "Central Asia Kimon Sotiropoulos", which no later "Kimon Sotiropoulos" could be: his
    # "he said" went to the man quoted before him (3 quotes on the shared corpora)
    text = ('"This is the first step," said Oleksandr Kubrakov. Airbus Vice President for Europe and '
            'Central Asia Kimon Sotiropoulos commended the decision. "We see great potential," he said. '
            "Kimon Sotiropoulos noted that a carrier matters.")
    assert _speakers(text) == ["Oleksandr Kubrakov", "Kimon Sotiropoulos"]


def test_two_persons_named_together_are_the_speaker_together() -> None:
    # "Brian Deese and Jake Sullivan wrote" had the role "Brian Deese and" and the speaker
    # Jake Sullivan alone (14 corpus quotes; PolNeAR's gold keeps both: "Mark Blumenthal
    # and Jon Cohen")
    text = 'Brian Deese and Jake Sullivan wrote in an op-ed, “The law is part of a vision.” “It works,” he said.'
    df = extract_quotes(text)
    assert (df["speaker"][0], df["role"][0]) == ("Brian Deese and Jake Sullivan", None)
    # a body with "and" in its name stays one speaker; two places are no persons
    assert _speakers("“We will help,” Poland and Lithuania said.") != ["Poland and Lithuania"]


def test_a_reporters_he_after_a_qualified_title_is_that_title() -> None:
    # "the NATO Secretary General gave an assessment. He said" (a title with modifiers)
    # and "The President … the Senate lunch …" (a later "the" that names no person) had
    # given a reporter's "he" to the last man named before (Putin, Manchin)
    text = ("MS. PSAKI:  President Putin has been clear.\n\nQ    Jen, the NATO Secretary General gave a "
            "pessimistic assessment.  He said, “The days to come are likely to be worse.”  Do you agree?")
    assert _speakers(text) == [None]
    text = ("MS. PSAKI:  Senator Joe Manchin spoke.\n\nQ    The President, when he spoke after the Senate "
            "lunch today, spoke in the past tense.  He said, “We missed this time.”  Why?")
    assert _speakers(text) == [None]
    assert _speakers(text.replace("Senator Joe Manchin spoke.", "President Joe Biden spoke.")) == ["Joe Biden"]


def test_words_the_writer_quotes_by_name_are_that_persons() -> None:
    # "And I quote Bob Dole: “…”" in a eulogy went to the speaker of the eulogy; "in the
    # words of Václav Havel: “…”" to nobody (4 quotes on the shared corpora)
    for text, speaker in [
        ("I met him. And I quote Bob Dole: “I cannot pretend that I have not been a loyal champion.”",
         "Bob Dole"),
        ("It is described in the words of Václav Havel: “Truth and love have to overcome lies.”",
         "Václav Havel"),
        ("Senator John Smith spoke. He quoted Bob Dole: “I cannot pretend that I was loyal.”", "Bob Dole"),
        # no name after "quote": the usual cue
        ("Senator John Smith spoke. He said, and I quote, “I cannot pretend that I was loyal.”", "John Smith"),
    ]:
        assert _speakers(text) == [speaker], text


def test_quoted_in_a_paper_as_saying_is_a_cue() -> None:
    # "was quoted by Reuters as saying" / "is quoted in the New York Times saying": the
    # subject speaks (the cue had been missed, the speaker found only by falling back)
    for text in ["John Smith spoke. “There are not enough resources,” Jane Doe was quoted by Reuters as saying.",
                 "John Smith spoke. Jane Doe is quoted in the New York Times saying, “There are not enough.”"]:
        row = extract_quotes(text).iloc[0]
        assert (row["speaker"], row["speaker_mention"], row["cue"]) == ("Jane Doe", "Jane Doe", "saying"), text


def test_a_he_after_an_unnamed_relative_is_that_relative() -> None:
    # a speech's anecdotes: "my dad, when he was a kid, had a band … he used to say, “…”"
    # had given the quote to the last man named (Jackie Wilson); "a guy standing said …
    # He said" to Garland (27 quotes on the shared corpora); kin_nouns.yaml
    text = ("Thank you, Jackie Wilson. You know, my dad, when he was a kid, had a band. And he used to "
            "look at me and say, “Joey, I don’t know where you came from.”")
    row = extract_quotes(text).iloc[0]
    assert (row["speaker"], row["role"]) == (None, "my dad")
    text = ("Attorney General Merrick Garland spoke. I was walking up a creek. And a guy standing there "
            "said, “You want my gun?” I said no. He said, “Well, you are telling me.”")
    assert _speakers(text) == [None, None]
    # a relative of the one named, in news ("his brother added"), is often that person: left alone
    text = ("Alastair Osman called him a kind person. He had just welcomed a baby girl, his brother added. "
            "“He’s a new dad,” he said.")
    assert _speakers(text) == ["Alastair Osman"]


def test_a_name_and_its_title_around_a_comma_before_a_colon() -> None:
    # "Moody’s Analytics chief economist, Mark Zandi: “…”" had the speaker "Analytics",
    # "Former Bush CEA chair, Glenn Hubbard: “…”" the speaker "Bush CEA"
    for text in ["Moody’s Analytics chief economist, Mark Zandi: “I don’t think it will be inflationary.”",
                 "Mark Zandi, chief economist at Moody’s Analytics: “I don’t think it will be inflationary.”"]:
        assert _speakers("He said he would vote for it.\n\n" + text) == ["Mark Zandi"], text


def test_a_country_s_office_names_its_known_holder_when_the_text_gives_no_title() -> None:
    # the text never calls Putin or Zelenskyy president; office_holders knows they were
    text = ("Title.\n\nVladimir Putin sent greetings to Kassym-Jomart Tokayev and met Olaf Scholz on a cold day.\n\n"
            "“Relations are developing dynamically,” the President of Russia noted in his message.\n\n"
            "Volodymyr Zelenskyy spoke with Andrzej Duda and thanked him.\n\n"
            "“We are grateful,” the Ukrainian President said.")
    assert _speakers(text) == ["Vladimir Putin", "Volodymyr Zelenskyy"]
    text = ("Vladimir Putin met Viktor Orban in Moscow. “We share your grief,” the President of "
            "Russia noted.")
    assert _speakers(text) == ["Vladimir Putin"]
    # a title given without a country ("President Zelenskyy") takes the country too
    text = ("Title.\n\nPresident Volodymyr Zelenskyy spoke with Andrzej Duda and thanked him for the help.\n\n"
            "“We are grateful,” the President of Ukraine said.")
    assert _speakers(text) == ["Volodymyr Zelenskyy"]


def test_a_known_office_does_not_settle_a_bare_title_or_another_country_s() -> None:
    # "the President" with no country is not whichever head of state is named last,
    # and "the President of France" is not the President of Russia
    text = ("Title.\n\nQ    The sanctions hit Vladimir Putin hard on a cold day.\n\n"
            "“There will be consequences,” the President said.\n\n"
            "“We are ready,” the President of France said.")
    assert _speakers(text) == [None, None]


OFFICES = ("“We will act,” the President said. “Talks go on,” the President of Russia said. "
           "“We hold,” the Ukrainian President said. “No deal,” the Prime Minister said.")


@pytest.mark.parametrize(("date", "url", "speakers"), [
    # no date: nobody; the text ties no office to a person
    (None, None, [None, None, None, None]),
    # a date: a country's office is its holder then; a bare title is nobody's
    ("2010-01-01", None, [None, "Dmitry Medvedev", "Viktor Yushchenko", None]),
    ("2022-03-01", "https://www.nytimes.com/2022/03/01/world/x.html",
     [None, "Vladimir Putin", "Volodymyr Zelenskyy", None]),
    # an official site's bare "the President" is its own country's (a subdomain too)
    ("2022-03-01", "https://www.whitehouse.gov/briefing-room/x/", ["Joe Biden", "Vladimir Putin", "Volodymyr Zelenskyy", None]),
    ("2018-06-01", "whitehouse.gov", ["Donald Trump", "Vladimir Putin", "Petro Poroshenko", None]),
    ("2018-06-01", "http://en.kremlin.ru/events/president/news/1", ["Vladimir Putin", "Vladimir Putin",
                                                                   "Petro Poroshenko", "Dmitry Medvedev"]),
    ("2022-10-01", "https://www.gov.uk/government/news/x", [None, "Vladimir Putin", "Volodymyr Zelenskyy", "Liz Truss"]),
    # a date between two holders the table has not (Ukraine, spring 2014): nobody
    ("2014-04-01", None, [None, "Vladimir Putin", None, None]),
])
def test_an_office_the_text_ties_to_nobody_is_its_holder_on_the_article_s_date(date, url, speakers) -> None:
    rows = extract_quotes(OFFICES, date=date, url=url)
    assert rows.speaker.tolist() == speakers
    assert rows.role.tolist() == ["the President", "the President of Russia", "the Ukrainian President",
                                  "the Prime Minister"]


def test_a_dated_holder_is_named_as_the_article_names_them_and_the_text_comes_first() -> None:
    site = dict(date="2022-03-01", url="https://www.whitehouse.gov/x")
    # the article's own name for the holder, not a relative of the same surname
    rows = extract_quotes("President Biden spoke. “We are ready,” the President said.", **site)
    assert rows.speaker.tolist() == ["Biden"]
    rows = extract_quotes("Hunter Biden spoke. “We are ready,” the President said.", **site)
    assert rows.speaker.tolist() == ["Joe Biden"]
    # whom the text gives the office stays the speaker
    rows = extract_quotes("President Jane Doe of Ruritania arrived. “We are ready,” the President said.", **site)
    assert rows.speaker.tolist() == ["Jane Doe"]
    # a title of several words is one title, not a country and a title
    rows = extract_quotes("“We are ready,” the Vice President said. “No,” the Vice President of the United "
                          "States said.", **site)
    assert rows.speaker.tolist() == ["Kamala Harris", "Kamala Harris"]
    # a role the lexicon says is the office ("the Head of State": president), and a
    # first lady, are dated offices too
    text = ("“We hold,” the Head of State said. “Yes,” the Ukrainian Head of State said. “Thanks,” the "
            "First Lady said. “Hi,” the First Lady of the United States said.")
    rows = extract_quotes(text, date="2022-03-01", url="https://www.president.gov.ua/en/news/x")
    assert rows.speaker.tolist() == ["Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "Olena Zelenska", "Jill Biden"]
    # a reporter's "he" after "the President" is the President too
    rows = extract_quotes("Q    Yesterday the President was in Kentucky, and he said, “We should do it.”", **site)
    assert rows.speaker.tolist() == ["Joe Biden"]


def test_the_wife_of_the_president_is_the_president_s_wife() -> None:
    # "the wife of the President of Ukraine" is "the President's wife" turned round
    # (role_synonyms: president's wife -> lady): the First Lady named before her
    text = ("First Lady Olena Zelenska visited Geneva on Monday. “We need peace,” said the wife of the "
            "President of Ukraine.")
    assert extract_quotes(text).speaker.tolist() == ["Olena Zelenska"]
    # where the text names nobody, the first lady of that day (office_holders)
    text = "Officials met on Monday. “We need peace,” said the wife of the President of Ukraine."
    assert extract_quotes(text).speaker.tolist() == [None]
    assert extract_quotes(text, date="2022-05-01").speaker.tolist() == ["Olena Zelenska"]
    # "the wife of the President" is a bare office: its country only on an official site
    text = "Officials met on Monday. “We need peace,” said the wife of the President."
    assert extract_quotes(text, date="2022-05-01").speaker.tolist() == [None]
    assert extract_quotes(text, date="2022-05-01", url="https://www.whitehouse.gov/x").speaker.tolist() == [
        "Jill Biden"]
    # a relation the lexicon does not make an office stays a description
    text = "Officials met on Monday. “We need peace,” said the nephew of the President of Ukraine."
    assert extract_quotes(text, date="2022-05-01").speaker.tolist() == [None]


def test_a_reporter_s_he_goes_on_from_a_person_named_before_the_title_in_its_sentence() -> None:
    text = ("MS. PSAKI:  Go ahead.\n\nQ    Can I get your response to Mitch McConnell today, who had "
            "some strong words for the President?  He called his speech a “rant.”  Is that fair?\n\n"
            "MS. PSAKI:  No.\n\nQ    And the President said yesterday that he would act.  He called it a "
            "“bridge.”")
    # McConnell, not the President; the President's own "he" is the holder on a White House page
    assert extract_quotes(text).speaker.tolist() == ["Mitch McConnell", None]
    site = extract_quotes(text, date="2022-01-20", url="https://www.whitehouse.gov/briefing-room/")
    assert site.speaker.tolist() == ["Mitch McConnell", "Joe Biden"]


def test_quotes_reads_the_date_and_the_site_from_the_corpus_table(tmp_path) -> None:
    df = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d"],
        "text": ["“We will act,” the President said."] * 4,
        "date": pd.to_datetime(["2022-03-01", "2018-06-01", "2018-06-01", None], utc=True),
        "url": ["https://www.whitehouse.gov/x", None, "https://example.com/x", "https://www.whitehouse.gov/x"],
        "outlet": ["White House", "bidenwhitehouse.archives.gov", "Example", "White House"],
    })
    # (b: no url, its outlet is the site's host; d: no date)
    assert quotes(df, progress=False).speaker.tolist() == ["Joe Biden", "Donald Trump", None, None]
    # the per-article cache keys on the date and the site too
    first = quotes(df, progress=False, cache=tmp_path)
    later = quotes(df.assign(date=pd.to_datetime(["2010-01-01"] * 4, utc=True)), progress=False, cache=tmp_path)
    assert first.speaker.tolist() == ["Joe Biden", "Donald Trump", None, None]
    assert later.speaker.tolist() == ["Barack Obama", "Barack Obama", None, "Barack Obama"]
    assert later.attrs["cache"]["hits"] == 0


@pytest.mark.parametrize(("where", "country"), [
    ("https://www.whitehouse.gov/briefing-room/", "United States"),
    ("http://user@EN.Kremlin.ru:8080/events/1", "Russia"),
    ("bidenwhitehouse.archives.gov", "United States"),
    ("kremlin.ru", "Russia"),
    # a look-alike host or the name in a path is no official site
    ("https://whitehouse.gov.example.com/x", None),
    ("https://example.com/whitehouse.gov", None),
    ("https://www.nytimes.com/2022/03/01/world/x.html", None),
])
def test_an_official_site_is_known_by_its_host(where, country) -> None:
    from mediakit._offices import site_country
    from mediakit.lexicons import lexicon_version

    assert site_country(where, lexicon_version()) == country


def test_an_odd_date_or_url_is_no_context_not_an_error() -> None:
    for date, url in [("not a date", None), (pd.NaT, 42), (float("nan"), ""), ("2022-03-01", "https://whitehouse.gov@evil.com/")]:
        assert extract_quotes(OFFICES, date=date, url=url).speaker.tolist()[0] is None, (date, url)


def test_office_terms_in_the_table_do_not_overlap() -> None:
    import datetime as dt

    from mediakit.lexicons import lexicon
    from mediakit.quotes import _key

    terms: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = {}
    for r in lexicon("office_holders"):
        start = dt.date.fromisoformat(r["start"])
        end = dt.date.fromisoformat(r["end"]) if r["end"] else dt.date.max
        assert start < end, r
        terms.setdefault((r["title"], r["country"]), []).append((start, end, r["name"]))
    assert len(terms) >= 20
    for office, spans in terms.items():
        spans.sort()
        for (_a0, a1, a), (b0, _b1, b) in zip(spans, spans[1:], strict=False):
            # (one person in two spellings may share a term: "Erdoğan", "Erdogan")
            assert a1 <= b0 or _key(a, 0) == _key(b, 0), (office, a, b)


def test_office_holders_is_a_lexicon_a_user_extends() -> None:
    from mediakit import lexicons
    from mediakit.lexicons import extend_lexicon, lexicon

    rows = lexicon("office_holders")
    assert {"name": "Vladimir Putin", "title": "President", "country": "Russia", "start": "2012-05-07",
            "end": ""} in rows
    text = ("Title.\n\nKlaus Iohannis met Volodymyr Zelenskyy in Kyiv on a cold day.\n\n"
            "“We stand together,” the President of Romania said.")
    assert _speakers(text) == [None]
    extend_lexicon("office_holders", [{"name": "Klaus Iohannis", "title": "President", "country": "Romania"}])
    try:
        assert len(lexicon("office_holders")) == len(rows) + 1
        assert _speakers(text) == ["Klaus Iohannis"]
    finally:
        lexicons._EXTRA.pop("office_holders", None)
        lexicons._VERSION[0] += 1
    assert _speakers(text) == [None]


@pytest.mark.parametrize(
    "text, speaker, mention",
    [
        # a nationality or place only qualifies whoever speaks: nobody is named
        ('Despite the "filtration camps" built by the Russian state, they go on.', None, "the Russian"),
        ('The war should end, according to the Kiev strategists, "with the help of the world."', None, "the Kiev"),
        ('Vladimir Putin: Our colleague from Qatar has just asked me: "What keeps you awake at night?"',
         None, "Our colleague from Qatar"),
        # a place or body that speaks stays
        ('Russia added: "We are ready to talk."', "Russia", "Russia"),
        ('The Pentagon has described the pace as "unprecedented and fast."', "Pentagon", "The Pentagon"),
        # a party's adjective before a role: the role's holder, named or described
        ('Democratic front-runner Hillary Clinton, also campaigning in Wisconsin, said Trump is responsible'
         ' and accused him of "inciting violent behavior."', "Hillary Clinton", "Democratic front-runner Hillary Clinton"),
        ('Donald Trump spoke in Ohio. The Republican nominee also outlined his plan and vowed to punish'
         ' "those who violate classification rules."', "Donald Trump", "The Republican nominee"),
    ],
)
def test_places_and_nationalities_qualify_a_speaker(text, speaker, mention):
    df = extract_quotes(text)
    assert len(df) == 1
    assert (df["speaker"][0], df["speaker_mention"][0]) == (speaker, mention)


def test_a_role_chain_ending_in_a_name_names_that_person() -> None:
    # the "Jeffrey Lewis of the James Martin Center" rule took "the Ukrainian Delegation"
    # for a person before "to"; a name has no article
    text = ('"The situation is stable on the contact line," First Deputy Head of the Ukrainian Delegation'
            ' to the TCG Andriy Kostin said.')
    df = extract_quotes(text)
    assert df["speaker"].tolist() == ["Andriy Kostin"]
    assert df["role"][0] == "Deputy Head of the Ukrainian Delegation to the TCG"
    # and the person before "of" still is one
    text = '"It is a test," Jeffrey Lewis of the James Martin Center said.'
    assert extract_quotes(text)["speaker"].tolist() == ["Jeffrey Lewis"]
    # an organisation's name goes on with "of", not with "in"
    for text, org in [
        ('"It is a tool of criminals," the International Association of Chiefs of Police said.',
         "International Association of Chiefs of Police"),
        ('"Biden has doubled down," the Canadian Chamber of Commerce said.', "Canadian Chamber of Commerce"),
        ('"It is a war crime," The U.S. Embassy in Kyiv said.', "U.S. Embassy"),
        # "and" joins two of the body's words; a role's "of" still makes a role
        ('"We are ready," the Department of Health and Human Services said.',
         "Department of Health and Human Services"),
        ('"We are ready," said Secretary of Health and Human Services Xavier Becerra.', "Xavier Becerra"),
    ]:
        assert extract_quotes(text)["speaker"].tolist() == [org], text


def test_you_in_a_transcript_is_the_other_side_of_the_exchange() -> None:
    text = ("Q    Thank you, Jen.  In October, you said “in the upcoming weeks.”  Any guidance?\n\n"
            "MS. PSAKI:  Not yet.\n\n"
            "Q    On gas, you just said that, you know, “less supply raises prices,” right?\n\n"
            "Q    And a follow-up?\n\n"
            "MS. PSAKI:  Sure.\n\n"
            "MR. ZIENTS:  Dr. Fauci, a question for you.\n\n"
            "DR. FAUCI:  You said, “Should you change your plans?”  Well, it depends.")
    df = extract_quotes(text, title="Press Briefing by Press Secretary Jen Psaki and Jeff Zients")
    got = dict(zip(df["quote"], df["speaker"], strict=True))
    # a reporter's question: whoever answers it, however many questions come first
    assert got["“in the upcoming weeks.”"] == "Jen Psaki"
    assert got["“less supply raises prices,”"] == "Jen Psaki"
    # a named turn: whoever spoke the turn before
    assert got["“Should you change your plans?”"] == "Jeff Zients"
    # "you put it into" is no "as you put it"
    from mediakit.quotes import _YOU_SAID_RE

    assert _YOU_SAID_RE.search("you grow it, or you put it into a modified form called a ") is None
    assert _YOU_SAID_RE.search("Q    As you put it, ") is not None
    # outside a transcript "you" names nobody
    df = extract_quotes("Thank you all for coming. As you said yesterday, “we will win this war.”")
    assert df["quote"].tolist() == ["“we will win this war.”"] and df["speaker"].tolist() == [None]


def test_a_transcript_he_looks_back_only_over_the_turns_before_it() -> None:
    # a briefing: a "he" in a reporter's question names someone of this exchange (the
    # question, the answer, the question before), not a man named many turns earlier
    text = ("MS. PSAKI:  Good afternoon.  Senator John Hale spoke this morning.\n\n"
            "Q    Thank you, Jen.  On trade?\n\n"
            "MS. PSAKI:  We are watching it.\n\n"
            "Q    And the budget?\n\n"
            "MS. PSAKI:  It comes on Monday.\n\n"
            "Q    The ambassador of Peru wrote an op-ed.  He said, “The aid is late.”  Is it?\n\n"
            "MS. PSAKI:  No.\n\n"
            "Q    Senator Tom Reed is speaking at a rally.\n\n"
            "MS. PSAKI:  Oh?\n\n"
            "Q    He called it, quote, “a failure.”  Any response?\n\n"
            "MS. PSAKI:  None.")
    assert _speakers(text) == [None, "Tom Reed"]
    # the same without turns: prose looks back as far as it must
    prose = "Senator John Hale spoke this morning. Later he said, “The aid is late.”"
    assert _speakers(prose) == ["John Hale"]


def test_a_floating_quote_in_a_long_turn_is_not_carried_over_paragraphs_about_others() -> None:
    # a speech is one long turn: a floating quote two paragraphs after "He said" is the
    # speaker's own example, not Barack's, when nothing between is about Barack
    text = ("THE PRESIDENT:  I remember saying to Barack, “Let’s take a victory lap.”  He said, "
            "“We don’t have time.”\n\nBut guess what?  No one knew what was in it.\n\n"
            "And so, remember: The last guy treated NATO like a protection racket.  "
            "“If you don’t pay, we won’t protect you.”")
    rows = _rows(text)
    assert [(r["speaker"], r["continued"]) for r in rows] == [(None, False), ("Barack", False), (None, False)]


def test_an_unnamed_source_is_not_carried_into_another_turn() -> None:
    text = ("MS. PSAKI:  A senior official told me, “We are ready for the storm.”\n\n"
            "Q    Thanks, Jen.\n\nMS. PSAKI:  Go ahead.\n\n"
            "Q    Two questions.\n\n“Are you ready for the storm?”  That is what people ask.")
    rows = _rows(text)
    assert [(r["role"], r["continued"]) for r in rows] == [("A senior official", False), (None, False)]


@pytest.mark.parametrize("text", [
    "Good evening to everyone. Usually on such days we used to say: “Spring has come.” But now we say other words.",
    "We need a new Chaplin. Remember how it sounded then: “Greed has poisoned men’s souls.” We must win.",
    "Give me a break.\n\nHeadline fact checker in the New York Times: “Republicans Wrongly Blame Biden for Rising "
    "Gas Prices.”  And it goes on to explain why.",
])
def test_an_opening_imperative_adverb_or_headline_is_no_speaker(text) -> None:
    assert [r["speaker"] for r in _rows(text)] == [None]


def test_a_name_given_as_a_name_is_a_person() -> None:
    # "Satchel" is no first name the tables know: "His name was …" says it is one
    text = ("Ambassador Donald Blinken is here today.  Then came another pitcher.  His name was Satchel Paige."
            "\n\nAnd Satchel Paige, on his 47th birthday, pitched a win.  Afterwards he said, “Boys, that is not "
            "how I look at it.”")
    assert _speakers(text) == ["Satchel Paige"]


def test_a_question_keeps_the_cue_before_it_when_a_new_sentence_opens_with_he() -> None:
    # an anecdote's exchange: each quote's cue stands before it; the "She said" after a
    # question is the answer's, not the question's
    text = ("Senator Ann Lee told me about it.  I said, “What did you do?”  She said, “I hid behind the "
            "drapes.”  “Why?” she asked.")
    rows = _rows(text)
    assert [(r["speaker_mention"], r["speaker"]) for r in rows] == [
        ("I", None), ("She", "Ann Lee"), ("she", "Ann Lee")]


def test_a_reporting_clause_set_off_by_commas_names_the_speaker_further_on() -> None:
    text = ("The paradox of Nancy, says Carl Anthony, historian at the First Ladies Library, is that she was "
            "\"one of the most powerful first ladies in the postwar era,\" not for her policy influence.")
    rows = _rows(text)
    assert [(r["speaker"], r["cue"]) for r in rows] == [("Carl Anthony", "says")]


def test_a_sentence_opening_place_keeps_its_first_word() -> None:
    text = "The New York Times factchecking team also covered this, writing, “Critics Backed Judges.”"
    assert _speakers(text) == ["New York Times"]


def test_he_after_an_unnamed_person_brought_in_with_a_or_one_of_is_that_person() -> None:
    text = ("Congressman Emanuel Cleaver was there.  I was going home to see my mom.\n\n"
            "And one of the conductors I have known for years walked up and grabbed me.  He said, “Joey, baby!”")
    rows = _rows(text)
    assert [(r["speaker"], r["role"]) for r in rows] == [(None, "one of the conductors")]
    # an appositive is the named person, not a new one
    text = ("David Wasserman, an analyst with the Cook Report, looked at the map.  “It is close,” he said.")
    assert _speakers(text) == ["David Wasserman"]


def test_a_title_naming_an_office_and_nobody_gives_the_bare_title_its_country() -> None:
    text = ("Flowers from the President were laid at the memorial. \"Time cannot erase our memory,\" said "
            "Volodymyr Zelenskyy. On behalf of the Ukrainian people, Volodymyr Zelenskyy thanked all veterans. "
            "\"I am confident that you will be an example,\" the President said.")
    rows = extract_quotes(text, title="President of Ukraine honored the memory of fellow citizens")
    assert rows["speaker"].tolist() == ["Volodymyr Zelenskyy", "Volodymyr Zelenskyy"]
    # a title that names a guest's office does not: "the President" stays unsettled
    rows = extract_quotes(text, title="The President met the Chancellor of Germany and the President of France")
    assert rows["speaker"].tolist() == ["Volodymyr Zelenskyy", None]


@pytest.mark.parametrize("text, speaker", [
    ("We met Senator Ann Lee, who told us, “America can do better.”", "Ann Lee"),
    ("In her cell was Fannie Lou Hamer, who described the beating this way, and I quote: “I could hear the screams.”",
     "Fannie Lou Hamer"),
    ("Contrast that with Donald Trump, who has called the pact \"insanity,\" as others do.", "Donald Trump"),
])
def test_the_one_a_relative_who_clause_is_about_speaks(text, speaker) -> None:
    assert _speakers(text) == [speaker]
    # a place before "who" is not the one: "the man he met in Jackson, Mississippi, who"
    got = _speakers("Mitch told me about the man he met in Jackson, Mississippi, who told him, quote: “I work.”")
    assert got != ["Mississippi"]


def test_a_place_that_is_also_a_first_name_is_no_person_alone() -> None:
    text = "The team also met officials from Israel on Tuesday. \"We want guarantees,\" he said."
    assert _speakers(text) == [None]


def test_a_name_described_then_saying_is_a_person() -> None:
    # "Irena" is no first name the tables know; "Irena Kovac, the baker …, said" is a person
    text = ("Irena Kovac, the baker on the main square, said a few families had come home. "
            "“The children are back at school,” she said.")
    assert _speakers(text) == ["Irena Kovac"]


def test_an_adverb_before_the_subject_is_no_opening_phrase() -> None:
    # "then" opened an introductory phrase that ran to the comma: "then Trump went … attack,"
    text = ("Then came another tweet. And then Trump went fully on the attack, saying, \"Is he going to "
            "mention the words? He should resign!\"")
    assert _speakers(text) == ["Trump"]


def test_he_right_after_as_for_x_is_x() -> None:
    # "As for Trump, he said …": the topic the sentence goes on about, not the last
    # speaker (nor a topic the sentence does not open with)
    text = ("Donald Trump spoke first. “We will win,” Ted Cruz said.\n\nAs for Trump, he said he is not "
            "worried. “I think I am going to have the delegates,” he said.")
    assert extract_quotes(text).speaker.tolist() == ["Ted Cruz", "Donald Trump"]
    text = ("Donald Trump spoke first. “We will win,” Ted Cruz said.\n\nHe talked as for Trump, and he "
            "said he is not worried. “I think I am going to have the delegates,” he said.")
    assert extract_quotes(text).speaker.tolist() == ["Ted Cruz", "Ted Cruz"]


def test_one_article_s_date_is_read_as_a_corpus_s_is() -> None:
    # extract_quotes(date=) and quotes(df) read a date with an offset the same way, as
    # UTC: 03:00 on 20 January 2025 at UTC+5 is 19 January there, Biden's last day
    text = "Officials met. “We will act,” the President said."
    when = "2025-01-20T03:00:00+05:00"
    site = "https://www.whitehouse.gov/x"
    one = extract_quotes(text, date=when, url=site).speaker.tolist()
    many = quotes(pd.DataFrame({"doc_id": ["a"], "text": [text], "date": [when], "url": [site]}),
                  progress=False).speaker.tolist()
    assert one == many == ["Joe Biden"]
