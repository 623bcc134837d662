"""Closed word classes that the attribution patterns test tokens against."""

from __future__ import annotations

# Quotation marks, straight and curly, and the clause punctuation a subject follows.
QUOTE_MARKS = "\"“”‘’«»'"
CLAUSE_PUNCT = {",", ";", ":", "—", "–", "(", "-"}
# Words that are capitalised at a sentence start without being part of a name.
FUNCTION_CAPS = frozenset(
    """in on at during after before earlier later meanwhile however but and yet
    while although though since when if as this that these those it he she they
    we i there here why what also still even now then so thus today yesterday
    last next meanwhile separately speaking asked despite under over from with
    without by for to of following amid among instead because unlike like
    according citing given though once whether both either neither such
    maybe perhaps indeed instead finally eventually clearly obviously only just
    that’s it’s there’s here’s what’s that's it's there's here's what's
    """.split()
)
PASSIVE_AUX = frozenset("was were been being is are be".split())
DETERMINERS = frozenset(["the", "a", "an"])
# Days, months and times of day: a date between a source and its cue is stepped over.
TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday
    tonight week month year morning afternoon evening night weekend earlier later
    january february march april may june july august september october november
    december""".split()
)
# Words that open a short adjunct after a cue ("said on Friday", "said in a statement").
ADJUNCT_START = frozenset(
    """in on at to during after before last this earlier later late early when
    while on yesterday today adding citing according as without through via
    from with over via""".split()
)
# Share-bar and navigation words glued before a sentence by scraping ("Share
# Facebook Twitter WhatsApp Email A senior official said"): never part of a source.
PAGE_FURNITURE = frozenset(
    """share facebook twitter whatsapp email e-mail print linkedin reddit pinterest
    telegram messenger copy link comments comment tweet""".split()
)
# Negations: "X has not claimed that C" reports no claim by X.
NEGATIONS = frozenset(["not", "never", "n't", "no", "nor", "hasn't", "didn't", "doesn't"])
# Finite verbs that cannot be a participle inside a noun phrase: a source phrase
# holding one is a clause ("New data showed unemployment claims had …"), not a speaker.
FINITE_VERBS = frozenset(
    """is are was were has have had does do did will would can could shall should
    may might must showed shows show went goes saw sees took takes gave gives knew
    began begins came comes ran runs wrote writes spoke speaks became becomes drove
    drives rose rises grew grows fell falls won wins met meets bought buys sold sells
    thought thinks felt feels meant means drew threw flew spent hid broke chose left
    made took kept held led sent paid built stood found got""".split()
)
