"""Deterministic synthetic news corpus for load tests: many outlets, many stories, many claims.

Real news cannot be redistributed in bulk, and a benchmark of linking at scale
needs what real news has: the same story told by several outlets (wire copy
re-run in other words), the same agency quoted everywhere, figures that differ
between sources, denials, anonymous officials, and lines of boilerplate.  This
module invents all of it from a seed: every name, place and figure is
fictional, and the same ``(n, seed)`` always gives the same articles.

Each *story* is an event (an election, an outbreak, a trial, a storm...) in an
invented place, with its actors and a handful of facts (quantities with
units).  One to five outlets report it over a few days; each article picks
facts, wraps them in a reporting pattern (``X said that``, ``…, the ministry
said in a statement``, ``according to``, direct quotes, ``denied that``),
rewords them, and pads them with background and boilerplate to about 600
words.  Some stories have a second source with another figure for the same
quantity, or a denial.

Generation is string formatting over precomputed tables (no per-word random
calls), about 10,000 articles per second on one core, so a 100,000-article
corpus takes seconds.

Examples::

    python benchmarks/corpus.py 1000 /tmp/corpus          # 1000 .md files with front matter
    python benchmarks/corpus.py 100000 --jsonl /tmp/c.jsonl --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere, without installing
    sys.path.insert(0, str(REPO))

from claimtrack.models import Article  # noqa: E402

TARGET_WORDS = 600
START = date(2024, 1, 1)

# --- the invented world ----------------------------------------------------------------
# Names are built from syllables so that a 100,000-article corpus still has
# thousands of distinct places and people (the term index must grow as it would
# on real news), while staying obviously fictional.

_FIRST_M = """Tomas Anton Viktor Pavel Jonas Emil Oskar Lars Dag Hugo Felix Sven Nils Ben Raj
Paolo Ilya Marco Karl Ivo Aleks Teodor Mikkel Rafael Samir Omar Yusuf Dmitri Henrik Arne Leon
Matteo Filip Jan Ole Goran Bruno Caspar Elias Kwame Tariq""".split()
_FIRST_F = """Mara Ingrid Rosa Amina Hanne Lucia Karin Sara Janet Elena Hilde Miriam Sofia
Grace Irena Nadia Ada Leila Freya Astrid Carla Dina Yara Eva Lotte Marta Noor Petra Rina Zofia
Olga Tamsin Alba Ines Liv Greta Selma Nora Vera Maja""".split()
_LAST_A = """Hal Kor Ves Mar Dor Bren Sol Ost Lind Ek Vid Rus Tal Berg Hol Sand Fal Grim Ask Mor
Ab Bal Cor Dal El Fen Gar Har Il Jor Kal Lor Mad Nor Or Pel Quin Ran Sor Tor Ul Var Wes Yor Zan"""
_LAST_MID = ("", "", "", "a", "e", "i", "o", "an", "er", "el")
_LAST_B = "vik sen berg strom dahl ova ic ek holm ander gaard ssen ani eri ovic ard ley ton ski ez"

_PLACE_A = """Kes Var Lis Bras Ald Mor Port Gren Tin Mill Os Brev Cal Dun Sel Ham Rav Ves Kor Lan
Ash Bel Carn El Fal Glen Hal Ing Jas Kil Lor Mar Nor Ox Pen Quar Ros Sal Tam Ul Wen Yar Zel"""
_PLACE_MID = ("", "", "", "a", "e", "i", "o", "en", "er", "ow")
_PLACE_B = "ka holm by trel ena vik haven ford dra brook ton mere wick stad gate field rum sund"

_COUNTRY_A = "Vell Tars Doru Kess Castel Ostr Bel Norv Ald Mar Sev Lund".split()
_COUNTRY_B = "mark land via aria lan ia ovia en onia istan".split()

_OUTLETS = (
    "The Harbour Times",
    "Vellmark Ledger",
    "Radio Kessel",
    "The Continental Globe",
    "Eastern Courier",
    "The Atlantic Tribune",
    "Morning Ledger",
    "Business Daily",
    "Science Monthly",
    "The Evening Star",
    "Castellan Courier",
    "Data Dispatch",
    "Goal Daily",
    "Sports Today",
    "The Daily Meridian",
    "Northern Herald",
    "Capital Post",
    "The Observer Review",
    "City Gazette",
    "Coastal Radio",
)
# Wire agencies: their stories are re-run, reworded, by other outlets.
_WIRES = ("Northwire", "Meridian Press", "Continental News Agency", "TechWire", "SportWire")

_BOILERPLATE = (
    "Reporting by {r1}; editing by {r2}.",
    "Follow {outlet} on social media for the latest updates.",
    "Sign up for our morning newsletter to get the day's top stories.",
    "© {year} {outlet}. All rights reserved.",
    "Additional reporting by {r1} in {city}.",
    "This article has been updated with new information.",
    "Read more: {related}",
    "Support independent journalism: subscribe from 1 euro a week.",
)

_DENY = (
    "{speaker} denied that {content}.",
    "{speaker} dismissed reports that {content} as baseless.",
    "{speaker} rejected claims that {content}.",
    "{speaker} dismissed as groundless the allegation that {content}.",
    "{speaker} denied that {content}, calling the reports false.",
)

# Reporting patterns.  {S} is the speaker as a sentence subject, {s} in
# mid-sentence, {C} the content with a capital, {c} without.
_PATTERNS = (
    "{S} said that {c}.",
    "{S} said {c}.",
    "{C}, {s} said on {day}.",
    "{C}, {s} said in a statement.",
    "According to {s}, {c}.",
    "{S} told reporters that {c}.",
    "{C}, {s} told {outlet}.",
    "{S} said on {day} that {c}.",
    "{C}, {s} added.",
    "{S} confirmed that {c}.",
    "{S} warned that {c}.",
)
_QUOTE_PATTERNS = (
    '"{q}," {s} said.',
    '"{q}," said {s}.',
    '"{q}," {s} told {outlet}.',
    '{S} said: "{q}."',
)
_ANONYMOUS = (
    "a senior official who spoke on condition of anonymity",
    "two people familiar with the matter",
    "officials",
    "a government source",
    "a person with knowledge of the discussions",
    "diplomats",
)
_APPROX = ("about ", "some ", "nearly ", "more than ", "around ", "at least ", "", "", "")
# Who states a story's background when a reporter attributes it.
_BACKGROUND_SOURCES = ("residents", "local officials", "witnesses", "analysts", "aid workers")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Topics.  Each story draws its own combination of these parts, so claims of
# two stories on one topic share some words (as two flood reports do) but
# rarely most of them:
#   things      a topic noun chosen per story ({thing}: "cholera", "floods")
#   facts       (unit, value range, paraphrases, first-person quote); {n} is
#               the figure, {thing}/{place}/... the story's slots
#   subjects × predicates   figure-free statements, "<subject> <predicate>"
#   background  unattributed lines (attributed now and then)
_TOPICS: dict[str, dict[str, Any]] = {
    "election": {
        "org": ("Electoral Commission", "EC"),
        "titles": ("Prime Minister", "Opposition leader", "Election Supervisor", "Senator"),
        "things": (
            "parliamentary election",
            "presidential runoff",
            "regional election",
            "mayoral election",
            "referendum",
            "snap election",
            "local elections",
        ),
        "headlines": (
            "{country} votes as turnout reaches {n} percent",
            "Opposition cries foul after {place} {thing}",
            "{place} count delayed amid fraud claims",
            "Tense wait for results of {place} {thing}",
        ),
        "facts": (
            (
                "percent",
                (30, 85),
                (
                    "turnout in the {place} {thing} reached {n} percent",
                    "{n} percent of registered voters in {place} cast a ballot in the {thing}",
                    "turnout in {place} stood at {n} percent",
                ),
                "Turnout of {n} percent in the {thing} shows that {place} wants to be heard",
            ),
            (
                "ballots",
                (20000, 900000),
                (
                    "{n} ballots had been counted in {place} by midnight",
                    "officials in {place} had counted {n} ballots in the {thing}",
                ),
                "We have counted {n} ballots and the count will go on through the night",
            ),
            (
                "polling stations",
                (5, 60),
                (
                    "ballot boxes had been stuffed at {n} polling stations in {place}",
                    "observers saw irregularities at {n} polling stations in {place}",
                ),
                "We saw ballot stuffing with our own eyes at {n} polling stations",
            ),
            (
                "seats",
                (20, 180),
                (
                    "the ruling party had won {n} seats in the {thing}",
                    "{n} seats had gone to the governing coalition",
                ),
                "Winning {n} seats gives us a clear mandate",
            ),
        ),
        "subjects": (
            "the count in {place}",
            "the ruling party",
            "the opposition alliance",
            "observers from the {city} monitoring mission",
            "the electoral roll in {place}",
            "turnout among young voters",
            "the result of the {thing}",
            "postal ballots from {city}",
            "the incumbent's campaign",
            "security forces in {place}",
            "the vote in {city}",
        ),
        "predicates": (
            "had been free and fair",
            "would be challenged in the Supreme Court",
            "had bussed voters in from {city}",
            "would be announced by {day}",
            "had been denied access to counting centres",
            "had been tampered with before polling day",
            "was the highest since {year0}",
            "would be recounted by hand",
            "had intimidated voters at several stations",
            "had misused state funds during the campaign",
            "would delay the formation of a government",
        ),
        "background": (
            "The {thing} in {place} was the first since the {year0} constitutional reform.",
            "Voters queued for hours outside polling stations across {place} on {day}.",
            "Campaigning in {place} was dominated by the cost of living, housing and corruption.",
            "The ruling coalition has governed {country} for more than a decade.",
            "Preliminary results of the {thing} are expected within two days.",
        ),
    },
    "health": {
        "org": ("Health Ministry", "HM"),
        "titles": ("Health Minister", "Dr", "Chief Medical Officer", "Professor"),
        "things": (
            "cholera",
            "measles",
            "dengue",
            "typhoid",
            "diphtheria",
            "meningitis",
            "hepatitis A",
            "yellow fever",
            "mpox",
            "whooping cough",
            "malaria",
        ),
        "headlines": (
            "{thing} outbreak in {place} kills {n}",
            "{place} hospitals stretched as {thing} cases rise",
            "Vaccination drive against {thing} begins in {place}",
            "Aid groups warn over {thing} in {place}",
        ),
        "facts": (
            (
                "people",
                (5, 400),
                (
                    "the {thing} outbreak in {place} had killed {n} people",
                    "{n} people had died of {thing} in {place}",
                    "the death toll from {thing} in {place} had risen to {n} people",
                ),
                "We have lost {n} people to {thing} in {place} and the numbers are still rising",
            ),
            (
                "cases",
                (100, 20000),
                (
                    "{n} cases of {thing} had been confirmed in {place}",
                    "health workers in {place} had recorded {n} {thing} cases",
                ),
                "Our clinics in {place} have seen {n} cases of {thing}",
            ),
            (
                "doses",
                (10000, 500000),
                (
                    "{n} doses of {thing} vaccine had arrived in {place}",
                    "a {thing} vaccination campaign in {place} would start with {n} doses",
                ),
                "We will deliver {n} doses to {place} before the end of the month",
            ),
            (
                "beds",
                (20, 900),
                (
                    "hospitals in {place} had {n} beds left for {thing} patients",
                    "{n} extra beds had been set up for {thing} patients in {place}",
                ),
                "We have {n} beds and they are nearly all full",
            ),
        ),
        "subjects": (
            "the district hospital in {place}",
            "the main water plant in {place}",
            "the {thing} ward at {city} General",
            "the regional laboratory",
            "clinics run by aid groups in {place}",
            "the vaccination campaign",
            "contaminated wells in {place}",
            "the ministry's figures",
            "field hospitals on the edge of {city}",
            "schools in {place}",
            "the supply of oral rehydration salts",
        ),
        "predicates": (
            "had run out of intravenous fluids",
            "was likely to peak within two weeks",
            "were the source of the outbreak",
            "would open by the end of the week",
            "had under-reported the outbreak",
            "would stay closed until further notice",
            "had been overwhelmed by patients",
            "was short of nurses and doctors",
            "had been halted by a lack of fuel",
            "had reached only half of the villages",
            "would receive emergency funding from {city}",
        ),
        "background": (
            "{thing} spreads fastest where water and sanitation are poor.",
            "Hospitals in {place} have struggled with staff shortages for years.",
            "Aid groups have set up field clinics on the outskirts of {city}.",
            "Health workers went door to door in {place} to trace contacts on {day}.",
        ),
    },
    "conflict": {
        "org": ("Defence Ministry", "MoD"),
        "titles": ("Defence Minister", "General", "Governor", "Colonel"),
        "things": (
            "market",
            "bus station",
            "hospital",
            "school",
            "railway depot",
            "power plant",
            "bridge",
            "apartment block",
            "fuel depot",
            "grain terminal",
        ),
        "headlines": (
            "Shelling of {place} {thing} kills {n}",
            "Troops massed near {place}, officials say",
            "Fighting flares around {place}",
            "Strike on {place} {thing} draws condemnation",
        ),
        "facts": (
            (
                "people",
                (2, 300),
                (
                    "{n} people were killed when shells hit the {thing} in {place}",
                    "the attack on the {place} {thing} had killed {n} people",
                    "{n} civilians died in the shelling of the {thing} in {place}",
                ),
                "{n} people were killed at the {thing} and many more are wounded",
            ),
            (
                "troops",
                (500, 40000),
                (
                    "{n} troops had been deployed near {place}",
                    "the army had moved {n} soldiers to the area around {place}",
                ),
                "There are {n} soldiers near {place} and they are not there for exercises",
            ),
            (
                "tanks",
                (10, 400),
                (
                    "{n} tanks had crossed the line near {place}",
                    "satellite images showed {n} tanks near {place}",
                ),
                "We counted {n} tanks near {place}",
            ),
            (
                "drones",
                (5, 200),
                (
                    "{n} drones had been shot down over {place} overnight",
                    "air defences near {place} had intercepted {n} drones",
                ),
                "Our air defences brought down {n} drones",
            ),
        ),
        "subjects": (
            "government troops",
            "rebel units from {city}",
            "the ceasefire around {place}",
            "humanitarian convoys to {place}",
            "the army",
            "foreign mercenaries",
            "artillery positions north of {place}",
            "the {thing} in {place}",
            "peace talks in {city}",
            "militia checkpoints on the {city} road",
        ),
        "predicates": (
            "had fired the shells",
            "would take effect at midnight",
            "had been blocked for three days",
            "would withdraw heavy weapons",
            "were fighting alongside rebel units",
            "had been used as a military base",
            "would resume on {day}",
            "had been mined before the retreat",
            "had targeted civilians deliberately",
            "had been evacuated before the strike",
        ),
        "background": (
            "The region around {place} has seen sporadic fighting since {year0}.",
            "A ceasefire agreed last year has been repeatedly violated near {place}.",
            "Thousands of residents have fled {place} for {city}.",
            "Independent verification of casualty figures from {place} is not possible.",
        ),
    },
    "courts": {
        "org": ("Prosecutor's Office", "PO"),
        "titles": ("Judge", "Prosecutor", "Defence lawyer", "Attorney General"),
        "things": (
            "bribery",
            "fraud",
            "embezzlement",
            "money laundering",
            "tax evasion",
            "bid-rigging",
            "abuse of office",
            "insider trading",
        ),
        "headlines": (
            "Former {place} mayor goes on trial for {thing}",
            "{thing} case opens in {place}",
            "Court hears evidence in {place} {thing} trial",
        ),
        "facts": (
            (
                "euros",
                (1, 90),
                (
                    "the former mayor of {place} had taken {n} million euros through {thing}",
                    "{thing} had cost the city of {place} {n} million euros",
                ),
                "Not one of those {n} million euros ever reached the people of {place}",
            ),
            (
                "witnesses",
                (3, 60),
                (
                    "{n} witnesses would testify in the {place} {thing} case",
                    "the court in {place} would hear {n} witnesses",
                ),
                "We will call {n} witnesses and each of them will tell the same story",
            ),
            (
                "years",
                (2, 15),
                (
                    "prosecutors were seeking {n} years in prison for {thing}",
                    "the defendant faced up to {n} years in prison if convicted of {thing}",
                ),
                "{n} years is what the law provides for {thing} on this scale",
            ),
        ),
        "subjects": (
            "the main witness",
            "the former mayor of {place}",
            "the verdict",
            "documents seized in {place}",
            "the construction company",
            "the evidence",
            "the defence team",
            "the city's auditors",
            "two former councillors from {place}",
            "the chief prosecutor in {city}",
        ),
        "predicates": (
            "had struck a deal with prosecutors",
            "had never taken a bribe",
            "would be delivered next month",
            "showed payments to offshore accounts",
            "was cooperating fully with investigators",
            "had been fabricated",
            "would appeal against any conviction",
            "had warned about the contracts in {year0}",
            "had destroyed records before the raid",
            "had been leaked to the press",
        ),
        "background": (
            "The {thing} trial in {place} is expected to last several months.",
            "The case has gripped {country}, where corruption is a major political issue.",
            "Reporters and supporters queued outside the courthouse in {city} on {day}.",
        ),
    },
    "business": {
        "org": ("Competition Authority", "CA"),
        "titles": ("Chief executive", "Finance Minister", "Industry Minister", "union leader"),
        "things": (
            "steel",
            "car parts",
            "chemicals",
            "paper",
            "glass",
            "cement",
            "textiles",
            "batteries",
            "aluminium",
            "tyres",
            "fertiliser",
        ),
        "headlines": (
            "{company} to cut {n} jobs",
            "{company} profit falls as {thing} demand slumps",
            "Union warns of job losses at {company}",
            "{company} in talks over {place} {thing} plant",
        ),
        "facts": (
            (
                "jobs",
                (100, 9000),
                (
                    "{company} would cut {n} jobs over the next two years",
                    "{n} jobs would go at {company}",
                    "{company} planned to eliminate {n} jobs",
                ),
                "We will have to cut {n} jobs at {company} to stay competitive",
            ),
            (
                "percent",
                (2, 60),
                (
                    "profit at {company} fell {n} percent in the last quarter",
                    "{company} reported a {n} percent drop in quarterly profit",
                ),
                "A {n} percent fall in profit is painful but we saw it coming",
            ),
            (
                "workers",
                (100, 5000),
                (
                    "the {company} {thing} plant in {place} employs {n} workers",
                    "{n} workers at the {place} {thing} plant of {company} faced an uncertain time",
                ),
                "There are {n} workers in {place} who do not know if they will have a job",
            ),
            (
                "tonnes",
                (1000, 900000),
                (
                    "{company} would cut {thing} output by {n} tonnes a year",
                    "the {place} plant made {n} tonnes of {thing} last year",
                ),
                "We produced {n} tonnes of {thing} in {place} last year",
            ),
        ),
        "subjects": (
            "the {company} plant in {place}",
            "{company}",
            "the government",
            "talks with unions at {company}",
            "the {thing} division of {company}",
            "the pension fund of {company}",
            "production in {place}",
            "the sale of the {place} site",
            "the board of {company}",
            "energy costs in {place}",
        ),
        "predicates": (
            "would remain open",
            "planned to close its {thing} lines",
            "would not offer any subsidies",
            "would resume on {day}",
            "was in talks with a buyer from {city}",
            "would move abroad",
            "had doubled since {year0}",
            "had been approved by the regulator",
            "had been kept secret from workers",
            "would be sold to a rival",
        ),
        "background": (
            "Shares in {company} have lost a third of their value this year.",
            "Demand for {thing} has slumped across the region.",
            "The {place} plant opened in {year0} and is the town's largest employer.",
        ),
    },
    "weather": {
        "org": ("Civil Protection Agency", "CPA"),
        "titles": ("Governor", "Mayor", "Interior Minister", "Chief meteorologist"),
        "things": (
            "floods",
            "storm",
            "landslide",
            "mudslides",
            "wildfire",
            "heatwave",
            "cyclone",
            "blizzard",
            "flash floods",
            "hailstorm",
        ),
        "headlines": (
            "{thing} kills {n} in {place}",
            "{thing} batters {place}",
            "Thousands evacuated as {thing} hits {place}",
            "Clean-up begins in {place} after {thing}",
        ),
        "facts": (
            (
                "people",
                (3, 500),
                (
                    "{n} people had been killed by the {thing} in {place}",
                    "the {thing} in {place} had killed {n} people",
                    "{n} people died in {place} when the {thing} struck",
                ),
                "We have lost {n} people in {place} and the search goes on",
            ),
            (
                "residents",
                (500, 60000),
                (
                    "{n} residents of {place} had been moved to emergency shelters",
                    "{n} residents had been evacuated from {place} ahead of the {thing}",
                ),
                "{n} residents of {place} are sleeping in shelters tonight",
            ),
            (
                "homes",
                (200, 90000),
                (
                    "{n} homes in {place} were left without power after the {thing}",
                    "power was cut to {n} homes around {place}",
                ),
                "We are working to reconnect {n} homes in {place}",
            ),
            (
                "hectares",
                (100, 50000),
                (
                    "the {thing} had damaged {n} hectares of farmland near {place}",
                    "{n} hectares of crops around {place} had been destroyed",
                ),
                "{n} hectares of our crops are gone",
            ),
        ),
        "subjects": (
            "warnings to {place}",
            "the dam above {place}",
            "the government",
            "looters in {place}",
            "the main road to {place}",
            "climate change",
            "rescue teams from {city}",
            "the power grid in {place}",
            "the early-warning system",
            "drinking water in {place}",
        ),
        "predicates": (
            "had come too late",
            "was at risk of collapse",
            "would release emergency aid",
            "had targeted empty homes",
            "would reopen within days",
            "had made the {thing} more likely",
            "had reached all the cut-off villages",
            "would take weeks to repair",
            "had failed during the night",
            "was no longer safe to drink",
        ),
        "background": (
            "Heavy rain fell on {place} for three days before the {thing}.",
            "Rescue teams used boats and helicopters to reach villages around {place}.",
            "Forecasters expect more bad weather over {place} later in the week.",
            "The region was hit by a similar {thing} in {year0}.",
        ),
    },
    "sport": {
        "org": ("Football Federation", "FF"),
        "titles": ("manager", "chairman", "coach", "sporting director"),
        "things": ("striker", "midfielder", "goalkeeper", "defender", "winger", "captain"),
        "headlines": (
            "{club} agree fee for {thing} {person}",
            "{club} deny {person} deal is done",
            "{person} set for {club} move",
        ),
        "facts": (
            (
                "euros",
                (2, 120),
                (
                    "{club} had agreed a fee of {n} million euros for {thing} {person}",
                    "{club} would pay {n} million euros for {person}",
                ),
                "A fee of {n} million euros for {person} is fair for both clubs",
            ),
            (
                "goals",
                (5, 45),
                (
                    "{person} scored {n} goals last season",
                    "{person} had found the net {n} times in the league",
                ),
                "{person} scored {n} goals for us this season",
            ),
            (
                "years",
                (2, 6),
                (
                    "{person} would sign a {n}-year contract with {club}",
                    "the contract offered to {person} ran for {n} years",
                ),
                "We have offered {person} {n} years because we believe in the project",
            ),
        ),
        "subjects": (
            "{club}",
            "{person}",
            "talks with {person}'s agent",
            "the medical",
            "the {club} board",
            "supporters of {club}",
            "the federation",
            "the transfer from {city}",
            "the club's sporting director",
        ),
        "predicates": (
            "had agreed to sell the {thing}",
            "wanted to leave this summer",
            "had broken down on {day}",
            "had been completed on {day}",
            "had made no offer",
            "had failed to register the deal in time",
            "would appeal against the ban",
            "had rejected a second bid",
            "would be decided by the end of the week",
        ),
        "background": (
            "{club} finished third in the league last season.",
            "The transfer window closes at the end of the month.",
            "Supporters gathered outside the {club} stadium on {day}.",
        ),
    },
    "science": {
        "org": ("Polar Research Institute", "PRI"),
        "titles": ("Professor", "Dr", "lead author", "glaciologist"),
        "things": ("glacier", "ice cap", "permafrost", "snowpack", "ice shelf", "sea ice"),
        "headlines": (
            "{place} {thing} shrinking fast, study finds",
            "Scientists warn over {place} {thing} loss",
            "Study questions {place} {thing} estimate",
        ),
        "facts": (
            (
                "percent",
                (3, 40),
                (
                    "the {place} {thing} had lost {n} percent of its ice since {year0}",
                    "the {place} {thing} shrank by {n} percent since {year0}",
                ),
                "The {place} {thing} has lost {n} percent and it is accelerating",
            ),
            (
                "people",
                (10000, 900000),
                (
                    "{n} people depend on the {place} {thing} for drinking water",
                    "the {place} {thing} supplies water to {n} people",
                ),
                "{n} people rely on this {thing} for their water",
            ),
            (
                "metres",
                (2, 90),
                (
                    "the edge of the {place} {thing} retreated {n} metres last year",
                    "the {place} {thing} lost {n} metres of thickness in a decade",
                ),
                "{n} metres in a year is a dramatic retreat",
            ),
        ),
        "subjects": (
            "melting of the {place} {thing}",
            "the satellite data",
            "the {place} {thing}",
            "river flows below {place}",
            "the study",
            "the findings",
            "the field stations near {place}",
            "funding for the {city} programme",
            "the models used by the institute",
        ),
        "predicates": (
            "had accelerated sharply after {year0}",
            "did not cover the upper basin",
            "could disappear by the end of the century",
            "would fall in summer",
            "had exaggerated the loss",
            "would be published in full next month",
            "had been confirmed by independent measurements",
            "would be cut next year",
            "had underestimated the warming",
        ),
        "background": (
            "The study of the {place} {thing} was published in a peer-reviewed journal.",
            "Researchers combined satellite data with field measurements near {place}.",
            "The {thing} near {place} has retreated since the nineteenth century.",
        ),
    },
    "local": {
        "org": ("City Council", "CC"),
        "titles": ("Council leader", "Mayor", "councillor", "Transport Commissioner"),
        "things": (
            "bus fares",
            "parking charges",
            "council tax",
            "water bills",
            "rents",
            "swimming pool fees",
            "tram fares",
            "waste collection fees",
        ),
        "headlines": (
            "{place} {thing} to rise {n} percent",
            "{place} council approves budget",
            "Anger in {place} over {thing}",
        ),
        "facts": (
            (
                "percent",
                (2, 30),
                (
                    "{thing} in {place} would rise by {n} percent from April",
                    "{thing} in {place} would go up {n} percent",
                ),
                "A {n} percent rise in {thing} is the only way to balance the books",
            ),
            (
                "libraries",
                (2, 12),
                (
                    "{n} libraries in {place} were on a closure list",
                    "{place} would close {n} branch libraries",
                ),
                "We will not close {n} libraries in {place}",
            ),
            (
                "pounds",
                (1, 40),
                (
                    "{place} faced a {n} million pound budget shortfall",
                    "the budget in {place} was {n} million pounds short",
                ),
                "There is a {n} million pound hole in our budget",
            ),
        ),
        "subjects": (
            "branch libraries in {place}",
            "the rise in {thing}",
            "the bus depot",
            "the council",
            "night buses in {place}",
            "the leisure centre",
            "street lighting in {place}",
            "the new cycle lanes",
            "the council's reserves",
            "the consultation on {thing}",
        ),
        "predicates": (
            "would close to save money",
            "would hit the poorest residents hardest",
            "would be sold to developers",
            "would review the decision next year",
            "would be cut from April",
            "had been rigged from the start",
            "would be switched off after midnight",
            "had cost twice the budget",
            "had fallen below the legal minimum",
            "would reopen in the summer",
        ),
        "background": (
            "The council in {place} meets again on {day} to vote on the budget.",
            "Residents of {place} packed the public gallery at the last meeting.",
            "The council's reserves have fallen sharply since {year0}.",
        ),
    },
    "tech": {
        "org": ("Data Protection Authority", "DPA"),
        "titles": ("Chief executive", "chief technology officer", "Digital Minister", "analyst"),
        "things": (
            "data breach",
            "ransomware attack",
            "network outage",
            "billing error",
            "app failure",
            "phishing campaign",
        ),
        "headlines": (
            "{company} says {n} million customers hit by {thing}",
            "Regulator opens inquiry into {company} {thing}",
            "{company} {thing} hits customers",
        ),
        "facts": (
            (
                "customers",
                (1, 30),
                (
                    "the {thing} at {company} affected {n} million customers",
                    "{n} million {company} customers were hit by the {thing}",
                ),
                "The {thing} affected {n} million of our customers",
            ),
            (
                "hours",
                (2, 48),
                (
                    "the {company} network was down for {n} hours",
                    "{company} customers were without service for {n} hours",
                ),
                "Being cut off for {n} hours is unacceptable",
            ),
            (
                "euros",
                (1, 60),
                (
                    "the {thing} would cost {company} {n} million euros",
                    "{company} faced a fine of up to {n} million euros",
                ),
                "A fine of {n} million euros would not be excessive",
            ),
        ),
        "subjects": (
            "no passwords",
            "hackers",
            "{company}",
            "the regulator",
            "the {thing}",
            "customer bank details",
            "the company's engineers",
            "the backup systems",
            "the ransom demand",
        ),
        "predicates": (
            "had been exposed",
            "had obtained customers' passwords",
            "would not pay a ransom",
            "had opened an investigation",
            "had been caused by a software fault",
            "would compensate customers",
            "had been warned about the flaw in {year0}",
            "had failed to switch on",
            "had been traced to a server in {city}",
        ),
        "background": (
            "{company} has about a fifth of the mobile market in {country}.",
            "Weak passwords have been a known problem in the industry for years.",
            "Customers of {company} were urged to change their passwords as a precaution.",
        ),
    },
}
_TOPIC_NAMES = tuple(_TOPICS)
_STORY_SLOTS = ("{place}", "{city}", "{company}", "{club}", "{person}")
# Where a statement or quote names nothing of its story, anchor it to the
# story, so that two unrelated stories on one topic never carry the very
# same sentence (real ones seldom do).
_ANCHOR = {"tech": " at {company}", "sport": " at {club}", "business": " at {company}"}


def _anchored(topic: str, spec: dict[str, Any]) -> None:
    def bare(text: str) -> bool:
        return not any(slot in text for slot in _STORY_SLOTS)

    anchor = _ANCHOR.get(topic, " in {place}")
    spec["subjects"] = tuple(s + anchor if bare(s) else s for s in spec["subjects"])
    spec["facts"] = tuple(
        (unit, span, paraphrases, f"In {{place}}, {quote[0].lower()}{quote[1:]}")
        if bare(quote) and not quote.startswith("{")
        else (unit, span, paraphrases, f"In {{place}}, {quote}" if bare(quote) else quote)
        for unit, span, paraphrases, quote in spec["facts"]
    )


for _name, _spec in _TOPICS.items():
    _anchored(_name, _spec)
# A headline with a figure states the story's first fact (fact 0 of its topic).
_HEADLINES: dict[str, tuple[tuple[str, int | None], ...]] = {
    name: tuple((h, 0 if "{n}" in h else None) for h in spec["headlines"])
    for name, spec in _TOPICS.items()
}

_GENERIC_BACKGROUND = (
    "The announcement came as {country} prepares for a difficult winter.",
    "The government in {country} has faced criticism for its slow response to the situation.",
    "The issue has become a flashpoint in national politics ahead of next year's budget.",
    "A full review is expected once the immediate crisis in {place} has passed.",
    "There were long queues and visible frustration in {city} on {day}.",
    "The figures could not be independently verified by {outlet}.",
    "Earlier this year, a similar dispute in {city} was settled out of court.",
    "Opposition parties in {country} have called for a parliamentary inquiry.",
    "The European partners of {country} are following developments closely.",
    "Residents of {place} interviewed by {outlet} described a mood of uncertainty.",
    "Markets in {city} reacted calmly to the news on {day}, with trading volumes close to "
    "their monthly average.",
    "A spokesperson for the president's office in {city} declined to comment.",
    "It was not immediately clear when further details would be released.",
    "The developments follow months of tension between the government and its critics.",
    "{place} lies about two hours by road from {city}, the nearest large town.",
    "Trade unions in {country} have staged strikes over pay and working conditions.",
    "Public trust in institutions has fallen in {country} over the past decade, surveys show.",
    "The government's majority in parliament was cut at the last election.",
    "Several ministers are due to visit {place} later this month.",
    "Television footage showed crowds gathering in the main square of {place}.",
    "Community leaders in {place} have asked for more information from the authorities.",
    "The story has dominated front pages in {city} for most of the week.",
    "Neighbouring countries have offered help, but no formal request has been made.",
    "Prices of food and fuel in {place} have risen sharply since the spring.",
    "A public meeting is planned in {city} on {day} evening.",
    "Social media posts from {place} could not immediately be verified.",
    "Schools in parts of {place} were closed on {day} as a precaution.",
    "Parliament is expected to debate the matter when it returns from recess.",
    "The last comparable episode, in {year0}, led to the resignation of two ministers.",
    "Aid organisations are seeking better access to {place} to assess the situation.",
    "Early figures in cases like this are often revised in the following weeks.",
    "The mayor of {city} appeared in a short video message on {day} evening.",
    "Uncertainty is already weighing on investment decisions by businesses in {city}.",
    "A poll published last month found that most voters in {country} distrust official figures.",
    "The government has set up a task force that reports directly to the prime minister.",
    "In {place}, shops reopened on {day} morning, although many kept their shutters half down.",
    "Journalists were allowed into {place} for the first time on {day}, escorted by police.",
    "Growth in {country} is forecast to slow this year, the latest projections show.",
    "Church groups and volunteers in {city} collected food and blankets for those affected.",
    "Railway services between {place} and {city} ran with long delays for most of the day.",
    "The regional assembly in {place} held an emergency session late on {day}.",
    "Many pensioners in {place} have been left without information for several days.",
    "Few official statements were published over the weekend, and confusion grew.",
    "Some lawmakers have questioned whether the current rules are fit for purpose.",
    "The ombudsman's office in {city} has received dozens of complaints.",
    "Footage shared online showed long lines of cars leaving {place} on {day} afternoon.",
    "Diplomats from three neighbouring states met in {city} to discuss the situation.",
)


@dataclass
class _Speaker:
    """A source as a story refers to it: full form first, then short forms."""

    full: str
    short: tuple[str, ...]  # surname or pronoun; acronym or "the ministry"; () = repeat full


@dataclass
class _Story:
    topic: str
    day: int
    slots: dict[str, str]
    speakers: list[_Speaker]
    facts: list[tuple[int, int, int]]  # (fact index, value, paraphrase seed)
    statements: list[tuple[int, int]]  # (subject, predicate) of figure-free statements
    dispute: tuple[int, int] | None  # (fact position, other value) stated by a rival
    denial: int | None  # fact position a rival denies
    rival: _Speaker
    outlets: list[str]
    wire: str | None
    reporters: tuple[str, str]
    number: int  # the story's serial, also in every article's URL (see story_of)


class _Names:
    """Every "First Last" pair, computed on access: 300,000 names cost nothing to hold."""

    def __init__(self, first: Sequence[str], last: Sequence[str]) -> None:
        self.first, self.last = first, last

    def __len__(self) -> int:
        return len(self.first) * len(self.last)

    def __getitem__(self, index: int) -> str:
        first, last = divmod(index, len(self.last))
        return f"{self.first[first]} {self.last[last]}"


class _World:
    """Everything a seed decides once: names, places, countries, companies, clubs."""

    def __init__(self, rng: random.Random) -> None:
        last = [f"{a}{m}{b}" for a in _LAST_A.split() for m in _LAST_MID for b in _LAST_B.split()]
        last = list(dict.fromkeys(last))  # "Hal"+""+"sen" and others may coincide
        self.people_m = _Names(_FIRST_M, last)
        self.people_f = _Names(_FIRST_F, last)
        self.places = list(
            dict.fromkeys(
                f"{a}{m}{b}" for a in _PLACE_A.split() for m in _PLACE_MID for b in _PLACE_B.split()
            )
        )
        rng.shuffle(self.places)  # the clubs below take their towns from the first places
        self.countries = [f"{a}{b}" for a in _COUNTRY_A for b in _COUNTRY_B][:40]
        rng.shuffle(self.countries)
        industries = ("Steel", "Telecom", "Mobile", "Foods", "Logistics", "Energy", "Motors")
        self.companies = [f"{name} {i}" for name in last[::7] for i in industries]
        self.clubs = [f"{p} {s}" for p in self.places[:120] for s in ("Rovers", "City", "United")]


def _number(value: int, rng: random.Random) -> tuple[str, str]:
    """The figure as a wire reporter writes it, and its approximated form."""
    text = f"{value:,}" if value >= 1000 else str(value)
    approx = _APPROX[rng.randrange(len(_APPROX))]
    return text, approx + text


def _new_story(world: _World, rng: random.Random, day: int, number: int) -> _Story:
    topic = _TOPIC_NAMES[rng.randrange(len(_TOPIC_NAMES))]
    spec = _TOPICS[topic]
    country = world.countries[rng.randrange(len(world.countries))]
    place = world.places[rng.randrange(len(world.places))]
    city = world.places[rng.randrange(len(world.places))]
    female = rng.random() < 0.5
    names: _Names = world.people_f if female else world.people_m
    person = names[rng.randrange(len(names))]
    org_name, acronym = spec["org"]
    titles = spec["titles"]
    title = titles[rng.randrange(len(titles))]
    last = person.split()[-1]
    code = f"{acronym}{country[0]}"
    head = org_name.split()[-1].lower()
    speakers = [
        _Speaker(f"{title} {person}", (last, last, "she" if female else "he")),
        _Speaker(f"the {country} {org_name} ({code})", (code, f"the {head}")),
        _Speaker(_ANONYMOUS[rng.randrange(len(_ANONYMOUS))], ()),
    ]
    rival_female = rng.random() < 0.5
    rival_names = world.people_f if rival_female else world.people_m
    rival_person = rival_names[rng.randrange(len(rival_names))]
    rival_title = titles[rng.randrange(len(titles))]
    rival = _Speaker(f"{rival_title} {rival_person}", ())
    n_facts = len(spec["facts"])
    facts = []
    for index in rng.sample(range(n_facts), k=min(n_facts, 2 + rng.randrange(2))):
        low, high = spec["facts"][index][1]
        facts.append((index, rng.randint(low, high), rng.randrange(1000)))
    n_subjects, n_predicates = len(spec["subjects"]), len(spec["predicates"])
    # The lists are written so that subject i goes with predicate i; other
    # pairs give each story combinations of its own.
    statements = [
        (subject, subject % n_predicates if rng.random() < 0.5 else rng.randrange(n_predicates))
        for subject in rng.sample(range(n_subjects), k=3 + rng.randrange(2))
    ]
    dispute = None
    if rng.random() < 0.3:
        pos = rng.randrange(len(facts))
        value = facts[pos][1]
        dispute = (pos, max(1, int(value * (1.3 + rng.random()))))
    denial = rng.randrange(len(facts)) if rng.random() < 0.3 else None
    # Most stories get one or two outlets; big ones up to five, often from a wire.
    n_outlets = 1 + int(rng.random() ** 2 * 5)
    wire = _WIRES[rng.randrange(len(_WIRES))] if n_outlets > 1 and rng.random() < 0.6 else None
    outlets = rng.sample(_OUTLETS, k=n_outlets - (1 if wire else 0))
    if wire:
        outlets.insert(0, wire)
    slots = {
        "country": country,
        "place": place,
        "city": city,
        "company": world.companies[rng.randrange(len(world.companies))],
        "club": world.clubs[rng.randrange(len(world.clubs))],
        "person": names[rng.randrange(len(names))],
        "year0": str(1990 + rng.randrange(30)),
        "thing": spec["things"][rng.randrange(len(spec["things"]))],
    }
    reporters = (
        world.people_f[rng.randrange(len(world.people_f))],
        world.people_m[rng.randrange(len(world.people_m))],
    )
    return _Story(
        topic,
        day,
        slots,
        speakers,
        facts,
        statements,
        dispute,
        denial,
        rival,
        outlets,
        wire,
        reporters,
        number,
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(pattern: str, subject: str, content: str, day: str, outlet: str) -> str:
    return pattern.format(
        S=_cap(subject), s=subject, C=_cap(content), c=content, day=day, outlet=outlet
    )


def _article(story: _Story, k: int, rng: random.Random, serial: int) -> Article:
    """The k-th outlet's article on a story."""
    spec = _TOPICS[story.topic]
    outlet = story.outlets[k]
    published = START + timedelta(days=story.day + (k and rng.randrange(3)))
    day_name = _DAYS[published.weekday()]
    slots = dict(story.slots)
    slots["outlet"] = outlet
    slots["day"] = day_name
    slots["year"] = str(published.year)
    facts_spec = spec["facts"]

    paragraphs: list[str] = []
    words = 0
    mentioned: set[int] = set()

    def speaker(i: int) -> str:
        sp = story.speakers[i]
        if i in mentioned and sp.short:
            return sp.short[rng.randrange(len(sp.short))]
        mentioned.add(i)
        return sp.full

    def emit(text: str) -> None:
        nonlocal words
        paragraphs.append(text)
        words += text.count(" ") + 1

    first_index, first_value, _ = story.facts[0]
    headlines = _HEADLINES[story.topic]
    template, fact_index = headlines[(serial + k) % len(headlines)]
    if fact_index is not None and fact_index != first_index:
        template, fact_index = next(h for h in headlines if h[1] is None)
    slots["n"] = f"{first_value:,}"
    headline = _cap(template.format_map(slots))
    credit = story.wire or outlet
    dateline = f"{slots['city'].upper()}, {published.strftime('%b')} {published.day} ({credit}) - "
    if k and story.wire and rng.random() < 0.5:
        dateline = ""  # a re-run without the agency's dateline

    order = list(range(len(story.facts)))
    if k:
        rng.shuffle(order)
    for position in order:
        index, value, seed = story.facts[position]
        _unit, _range, paraphrases, quote = facts_spec[index]
        exact, approx = _number(value, rng)
        slots["n"] = approx if rng.random() < 0.4 else exact
        content = paraphrases[(seed + k) % len(paraphrases)].format_map(slots)
        who = (seed + k + position) % len(story.speakers)
        pattern = _PATTERNS[rng.randrange(len(_PATTERNS))]
        emit(dateline + _sentence(pattern, speaker(who), content, day_name, outlet))
        dateline = ""
        if rng.random() < 0.5:
            slots["n"] = exact
            name = speaker(0)
            qpattern = _QUOTE_PATTERNS[rng.randrange(len(_QUOTE_PATTERNS))]
            if name in ("he", "she"):
                qpattern = _QUOTE_PATTERNS[0]  # "…," he said; never "said he"
            emit(qpattern.format(q=quote.format_map(slots), S=_cap(name), s=name, outlet=outlet))
        if story.dispute and story.dispute[0] == position and (k or rng.random() < 0.5):
            slots["n"] = f"{story.dispute[1]:,}"
            other = paraphrases[(seed + k + 1) % len(paraphrases)].format_map(slots)
            rival = story.rival.full
            emit(
                f"{_cap(rival)} said that {other}."
                if rng.random() < 0.5
                else f"{_cap(other)}, {rival} said, disputing the official figure."
            )
        if story.denial == position and (k or rng.random() < 0.5):
            slots["n"] = exact
            denied = paraphrases[seed % len(paraphrases)].format_map(slots)
            deny = _DENY[rng.randrange(len(_DENY))]
            emit(deny.format(speaker=_cap(story.rival.full), content=denied))

    # Figure-free statements: most outlets carry most of them, from varied
    # speakers; the story's rival denies the last one now and then.
    subjects, predicates = spec["subjects"], spec["predicates"]
    for j, (subject, predicate) in enumerate(story.statements):
        if k and rng.random() < 0.3:
            continue
        content = f"{subjects[subject]} {predicates[predicate]}".format_map(slots)
        if j == len(story.statements) - 1 and rng.random() < 0.4:
            deny = _DENY[rng.randrange(len(_DENY))]
            emit(deny.format(speaker=_cap(story.rival.full), content=content))
            continue
        pattern = _PATTERNS[rng.randrange(len(_PATTERNS))]
        who = (subject + k) % len(story.speakers)
        emit(_sentence(pattern, speaker(who), content, day_name, outlet))

    # Background, never the same line twice in one article, one to three
    # sentences a paragraph.  Story-specific lines are sometimes attributed
    # ("…, residents said"); generic ones never, so that no claim is repeated
    # across thousands of unrelated articles.
    topic_lines = spec["background"]
    pool = rng.sample(_GENERIC_BACKGROUND, k=len(_GENERIC_BACKGROUND))
    for i, line in enumerate(rng.sample(topic_lines, k=len(topic_lines))):
        pool.insert(3 * i, line)
    paragraph: list[str] = []
    size = 1 + rng.randrange(3)
    for line in pool:
        if words >= TARGET_WORDS - 15:
            break
        text = line.format_map(slots)
        if line in topic_lines and rng.random() < 0.2 and any(x in line for x in _STORY_SLOTS):
            source = _BACKGROUND_SOURCES[rng.randrange(len(_BACKGROUND_SOURCES))]
            text = f"{text[:-1]}, {source} said."
        paragraph.append(text)
        words += text.count(" ") + 1
        if len(paragraph) >= size:
            paragraphs.append(" ".join(paragraph))
            paragraph = []
            size = 1 + rng.randrange(3)
    if paragraph:
        paragraphs.append(" ".join(paragraph))

    boiler = {
        "r1": story.reporters[0],
        "r2": story.reporters[1],
        "outlet": outlet,
        "year": slots["year"],
        "city": slots["city"],
        "related": headlines[(serial + k + 1) % len(headlines)][0].format_map(slots),
    }
    for i in rng.sample(range(len(_BOILERPLATE)), k=2):
        paragraphs.append(_BOILERPLATE[i].format_map(boiler))
    # The serial keeps every article distinct for the content hash, as a real
    # page's unique furniture would.
    slug = headline.lower().replace(" ", "-")[:60]
    return Article(
        title=headline,
        outlet=outlet,
        published=published.isoformat(),
        url=f"https://news.example/{story.number}/{serial}/{slug}",
        text="\n\n".join(paragraphs) + f"\n\n(Article {serial}.)",
    )


def iter_articles(n: int, seed: int = 0) -> Iterator[Article]:
    """n articles, roughly in order of publication: stories start a few per day."""
    rng = random.Random(seed)
    world = _World(rng)
    made = 0
    day = 0
    stories = 0
    while made < n:
        if rng.random() < 0.15:
            day += 1
        story = _new_story(world, rng, day, stories)
        stories += 1
        for k in range(len(story.outlets)):
            if made >= n:
                return
            yield _article(story, k, rng, made)
            made += 1


def story_of(url: str | None) -> int | None:
    """The story an article of this corpus tells, from its URL; None for other URLs."""
    prefix = "https://news.example/"
    if not url or not url.startswith(prefix):
        return None
    head = url[len(prefix) :].split("/", 1)[0]
    return int(head) if head.isdigit() else None


def build(n: int, seed: int = 0) -> list[Article]:
    """n synthetic articles; the same (n, seed) always gives the same articles."""
    return list(iter_articles(n, seed))


def markdown(article: Article) -> str:
    """The article as a .md file with front matter, as `claimtrack ingest` reads it."""
    return (
        f"---\ntitle: {article.title}\noutlet: {article.outlet}\n"
        f"published: {article.published}\nurl: {article.url}\n---\n{article.text}\n"
    )


def record(article: Article) -> dict[str, Any]:
    """The article as a JSON record (a `text` field plus metadata), for .jsonl."""
    return article.model_dump(include={"title", "outlet", "published", "url", "text"})


def write_markdown(articles: Sequence[Article] | Iterator[Article], folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for i, article in enumerate(articles):
        (folder / f"{i:06d}.md").write_text(markdown(article), encoding="utf-8")
        count += 1
    return count


def write_jsonl(articles: Sequence[Article] | Iterator[Article], path: Path) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as fh:
        for article in articles:
            fh.write(json.dumps(record(article), ensure_ascii=False))
            fh.write("\n")
            count += 1
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("outdir", nargs="?", type=Path, help="folder for .md files")
    parser.add_argument("--jsonl", type=Path, help="write one JSONL file instead of/as well")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.outdir is None and args.jsonl is None:
        parser.error("give OUTDIR, --jsonl FILE, or both")
    t0 = time.perf_counter()
    articles = build(args.n, args.seed)
    built = time.perf_counter() - t0
    if args.outdir is not None:
        write_markdown(articles, args.outdir)
    if args.jsonl is not None:
        write_jsonl(articles, args.jsonl)
    words = sum(len(a.text.split()) for a in articles)
    print(
        f"{len(articles)} articles, {words / max(1, len(articles)):.0f} words each, "
        f"built in {built:.2f} s ({len(articles) / built:,.0f}/s), "
        f"written in {time.perf_counter() - t0 - built:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
