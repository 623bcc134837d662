"""Find the quantities stated in English news text and normalise them.

Fact-checkers compare figures across outlets ("approximately 3,000 troops"
against "some 3,000 soldiers"), so every quantity is reduced to a value, a
unit class and the hedge that came with it.

Parsing is rule based and local: digit runs and number words are located
with C-level bytes operations (no per-character regex scan), and each hit is
examined with precompiled, anchored regexes in a small window around it.
The cost therefore grows with the number of candidates, so an article with
few numbers costs little more than a pass of str.encode and bytes.split.

Decisions (each one is pinned by a test in ``tests/test_figures.py``):

* ``text`` is the figure as written with its qualifier, sign, currency sign,
  scale word and percent sign or word ("about $4.2 billion", "45 per cent",
  "10,000+"); the counted noun is not part of it.
* Vague amounts are approximate lower bounds: "dozens" = 24, "hundreds" =
  200, "thousands" = 2,000, "tens of thousands" = 20,000, "hundreds of
  thousands" = 200,000, "several hundred" = 300, "a few thousand" = 2,000.
  Their ``qualifier`` is the vague phrase itself unless an explicit hedge
  precedes it, so ``approximate`` is True exactly when ``qualifier`` is set.
* ``unit`` is the class from :func:`unit_class` when the noun has one;
  otherwise it is the lower-cased singular of the noun ("journalists" ->
  "journalist").  Currency signs give the ISO code, "%" and "per cent" give
  "percent".  A plural demonym ("3,000 Russians") counts people.
* Ranges ("from 70,000 to 85,000", "100,000-250,000", "$2-3 billion") give
  one figure per end; the first end borrows the noun, unit, currency and
  scale of the second when it has none of its own.  The two ends are one
  interval: the first gets the qualifier "from" (a lower bound) and the
  second "up to", unless the text hedges them itself.  A hyphenated pair whose
  second number is smaller ("won 3-1") is a score and gives nothing.
* A part of a count ("two plants … and another") is a lower bound (qualifier
  "and another"); a threshold ("above the 3 percent level") is no figure;
  a count stated as none ("no one was killed") is a figure of 0.
* Hyphenated compounds are figures: "a 32-member alliance" is 32 with noun
  "member", "a 1,500-strong force" is 1,500 with noun "force".  A bare "one"
  is a figure only when it counts a noun ("one soldier").
* Not figures: years (a 4-digit number from 1800 to 2100 after
  in/since/by/until/a month/a determiner, or with no counted noun after it),
  dates, clock times, ordinals, decades ("1990s"), identifiers glued to
  letters ("G7", "COVID-19", "F-16", "5G"), labels ("Article 5", "Resolution
  2758", "No. 2", "Flight 17"), phone numbers, numbers inside
  slashes/colons ("24/7", "09:12"), and numbers with a leading zero
  ("0300", "007").  A capitalised name before a bare number ("Boeing 737",
  "Windows 10") makes it a label only when no counted noun follows, so
  "Boeing 737 jets" is still read as 737 jets.
* A glued "m" is millions after a currency sign, before a plural noun or
  before no noun ("3.7m are displaced"); before a singular word it is metres
  ("a 30m wall", "10m high").
* Not handled: fractions written with a slash, "a third"/"a quarter",
  numbers grouped with spaces or dots ("10 000", "1.500.000"), and
  non-ASCII digits.
"""

from claimtrack.extraction.numbers.cardinals import parse_number
from claimtrack.extraction.numbers.figures import find_figures
from claimtrack.extraction.numbers.units import figure_unit, unit_class

__all__ = ["figure_unit", "find_figures", "parse_number", "unit_class"]
