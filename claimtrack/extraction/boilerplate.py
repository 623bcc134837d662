"""What page furniture looks like: the boilerplate tables that clean.py matches.

Configuration is data: each table says where its phrases come from (donation
boxes, cookie banners, photo credits, bylines, author bios, summary and
"more stories" boxes).  The patterns are general, phrases and shapes seen
across many sites, so they can be reviewed and extended here in one place
without reading the matcher.
"""

from __future__ import annotations


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _bwordset(words: str) -> frozenset[bytes]:
    """Word set in the ASCII-folded form that blocks are split into."""
    return frozenset(words.encode("ascii").split())


# A phrase table row: (trigger words, pattern, back). Trigger words are
# lower-case ASCII letters/digits: the units a block splits into once
# punctuation is folded to spaces ("i'm" -> "i", "m"; "epa-efe" -> "epa",
# "efe"). With back == 0 the pattern is matched at each occurrence of a trigger
# word, so it starts with that word; otherwise it is searched from `back`
# characters before the trigger and must start at or before it. Patterns run
# on the lower-cased block with quoted speech blanked out.
PhraseTable = tuple[tuple[tuple[str, ...], str, int], ...]

# Origin: donation, membership, subscription and paywall boxes of UK/US news
# sites ("Your support helps us...", "Support our journalism", "Subscribe now",
# "...paid for by those who can afford it") and newsletter sign-up widgets.
# Such a paragraph also opens an appeal box: the paragraphs after it that are
# written as "we"/"our" belong to the box.
APPEAL_RULES: PhraseTable = (
    (
        ("your",),
        r"your (?:support|donations?|contributions?|subscription|membership|generosity)\b",
        0,
    ),
    (
        ("support",),
        r"support (?:our|independent|quality|trusted|local|fearless|free|public[- ]interest)"
        r" (?:[\w-]+ )?(?:journalism|reporting|newsroom|work|journalists)\b",
        0,
    ),
    (("donate", "contribute", "give"), r"(?:donate|contribute|give) (?:now|today|monthly)\b", 0),
    (
        ("donation", "contribution"),
        r"make a (?:one-off |one-time |monthly |small )?(?:donation|contribution) to (?:us|our)\b",
        30,
    ),
    (
        ("sign",),
        r"sign up (?:for|to) (?:our|the|a|this) (?:[\w-]+ ){0,3}"
        r"(?:newsletters?|briefings?|emails?|alerts?|updates|digest)\b",
        0,
    ),
    (
        ("subscribe",),
        r"subscribe (?:now|today|here|for (?:free|just|only|less)|to (?:our|the|this) "
        r"(?:[\w-]+ ){0,3}(?:newsletters?|podcast|channel|alerts?|updates|edition|digital|print"
        r"|briefing))\b",
        0,
    ),
    (("become",), r"become an? (?:[\w-]+ )?(?:member|subscriber|supporter|patron)\b", 0),
    (("paywall", "paywalls"), r"paywalls?\b", 0),
    (
        ("subscriber", "subscribers"),
        r"(?:already an? )?subscriber(?:s? only|[- ]only|[- ]exclusive)?\b",
        12,
    ),
    (("journalism",), r"journalism\b[^.!?]{0,160}\bpaid for by\b", 0),
    (
        ("journalism", "reporting", "newsroom", "journalists", "reporters"),
        r"(?:journalism|reporting|newsroom|journalists|reporters) needs? "
        r"(?:you|your (?:help|support))\b",
        0,
    ),
    (
        ("keep", "keeps", "keeping"),
        r"keep(?:s|ing)? (?:our )?(?:journalism|reporting|journalists?|reporters) "
        r"(?:free|open|independent|going|on the ground)\b",
        0,
    ),
    (
        ("unlock",),
        r"unlock (?:this|unlimited|full|all) (?:article|access|stor(?:y|ies)|content)\b",
        0,
    ),
    (("continue",), r"continue reading\b", 0),
    (("trial",), r"start (?:your|a) free trial\b", 20),
    (("free",), r"free articles? (?:left|remaining)\b", 0),
)

# Origin: site chrome that survives scraping: push-notification and cookie
# banners, login and registration walls, comment-section widgets, share and
# follow buttons, ad markers, copyright footers and app promotions.
PROMPT_RULES: PhraseTable = (
    (
        ("notification", "notifications"),
        r"notifications?\b[^.!?]{0,60}(?:\bin (?:your )?browser|\bbrowser (?:settings|preferences)"
        r"|\bpreferences|\bcan be (?:managed|turned off|changed|disabled))\b",
        0,
    ),
    (
        ("cookie", "cookies"),
        r"we use cookies\b|cookie (?:policy|settings|preferences|notice)\b"
        r"|cookies?\b[^.!?]{0,80}\b(?:accept|consent)\b",
        7,
    ),
    (
        ("comment", "comments"),
        r"\b(?:view|show|hide|load|join) (?:all |the |our )?(?:\d+ )?comments\b"
        r"|\b(?:read|see) (?:all |our )?(?:\d+ )?comments\b"
        r"|\b(?:leave|post|add|write) (?:a|your) comment\b"
        r"|\bcomments? (?:are|have been) (?:closed|disabled|turned off|moderated)\b",
        20,
    ),
    (("commenting",), r"commenting (?:forum|guidelines|policy|section)\b", 0),
    (
        ("thank",),
        r"thank you for (?:registering|subscribing|signing up|your (?:support|donation"
        r"|subscription))\b",
        0,
    ),
    (("refresh",), r"refresh (?:the|this|your) (?:page|browser)\b", 0),
    (("navigate",), r"navigate to another page\b", 0),
    (("logged",), r"(?<=automatically )logged in\b|(?<=to be )logged in\b", 0),
    (
        ("log", "login", "sign", "signin"),
        r"\b(?:log|sign) ?in (?:to|or) (?:continue|read|comment|your account|register|create"
        r"|subscribe|sign up|keep reading|access)\b|\bplease (?:log|sign) ?in\b",
        8,
    ),
    (("account",), r"\bcreate (?:a free |an |your )account\b", 20),
    (("forgot", "forgotten"), r"forgot(?:ten)? (?:your )?password\b", 0),
    (
        ("share",),
        r"share (?:this|the) (?:article|story|page|post|video)\b"
        r"|share (?:it )?(?:on|to|via) (?:facebook|twitter|whatsapp|linkedin|telegram|reddit"
        r"|pinterest|email)\b",
        0,
    ),
    (("follow",), r"follow us\b", 0),
    (("click", "tap"), r"click here\b|(?:tap|click) the (?:link|button|bell|icon)\b", 0),
    (("continues",), r"\bstory continues below\b", 6),
    (("advert",), r"\bcontinues? after (?:the )?advert\b", 20),
    (("reserved",), r"(?<=all rights )reserved\b", 0),
    (("copyright",), r"copyright (?:©\s*)?\d{4}\b", 0),
    (("download",), r"download (?:our|the [\w ]{0,20}) app\b", 0),
    (("listen",), r"listen to this (?:article|story)\b", 0),
    (("min", "mins", "minute", "minutes"), r"(?<=\d[- ])min(?:ute)?s? read\b", 0),
    (("skip",), r"skip to (?:main )?content\b", 0),
    (
        ("article", "story", "piece", "post"),
        r"(?<=this )(?:article|story|piece|post) (?:was|is|has been) (?:first |originally )?"
        r"(?:re)?published (?:by|on|in|with)\b",
        0,
    ),
)

# Origin: author bios in the first person, appended by content farms and
# personal blogs ("I am a ... specializing in ...", "My expertise ...").
FIRST_PERSON_BIO_RULES: PhraseTable = (
    (
        ("i",),
        r"i(?: am|'m|’m) an? (?:[\w-]+,? ){0,5}(?:journalist|writer|reporter|editor"
        r"|correspondent|professional|analyst|researcher|author|blogger|student|graduate"
        r"|specialist|expert|enthusiast|columnist|freelancer|content creator|storyteller"
        r"|commentator)\b"
        r"|i (?:write|blog|report) (?:about|on)\b"
        r"|i(?: have|'ve|’ve) been (?:writing|covering|reporting|blogging)\b",
        0,
    ),
    (
        ("my",),
        r"my (?:expertise|passion for|areas? of (?:interest|expertise|focus)|research interests"
        r"|work (?:focuses|has appeared|has been published))\b",
        0,
    ),
    (
        ("writer", "journalist", "blogger"),
        r"\bas an? (?:content )?(?:writer|journalist|blogger), i\b",
        14,
    ),
)

# Origin: photo and video credits of agency-fed sites ("... Getty Images",
# "REUTERS/Kim Hong-Ji", "(AP Photo/...)", "KCNA via Reuters"). This wording
# can occur in prose ("Getty Images said ..."), so it only counts at the end
# of a block (CREDIT_TAIL characters) under CREDIT_MAX_WORDS words.
CREDIT_RULES: PhraseTable = (
    (
        ("getty", "shutterstock", "alamy", "istock", "istockphoto", "ap", "afp"),
        r"(?:getty images|shutterstock|alamy|istock(?:photo)?|ap photo|afp photo)\b",
        0,
    ),
    (("via",), r"via (?:reuters|getty|ap|afp)\b", 0),
    (("epa",), r"epa-efe\b", 0),
    (("reuters", "afp", "ap", "epa", "yonhap"), r"(?:reuters|afp|ap|epa|yonhap) ?/ ?\w", 0),
)
CREDIT_MAX_WORDS = 40
CREDIT_TAIL = 50

# Origin: the same widgets in wording that also occurs in news prose, so these
# only count in blocks under WEAK_MAX_WORDS words: "Stay up to date with ...",
# "Follow Jane on X", "Join the conversation", "Advertisement".
WEAK_RULES: PhraseTable = (
    (("stay", "keep"), r"(?:stay|keep) (?:up to date|updated|informed) with\b", 0),
    (
        ("alerts", "notifications", "updates", "newsletter", "newsletters"),
        r"\b(?:get|receive|turn on|enable|allow) (?:[\w-]+ ){0,2}"
        r"(?:alerts|notifications|updates|newsletters?) from\b",
        40,
    ),
    (
        ("join",),
        r"join (?:the |our )?(?:[\w-]+[ -]){0,2}(?:conversations?|discussion|debate)\b",
        0,
    ),
    (
        ("follow",),
        r"follow (?:[\w.@-]+ ){0,3}on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky"
        r"|tiktok|youtube|telegram|whatsapp|google news)\b",
        0,
    ),
    (
        ("advertisement", "sponsored", "promoted", "partner"),
        r"(?:advertisement|sponsored|promoted content|partner content)\b",
        0,
    ),
)
WEAK_MAX_WORDS = 20

# Origin: one-word calls to action that open a short block ("Subscribe to
# read", "Sign up", "Register", "Log in", "Donate", "Share on ...").
WEAK_FIRST_WORDS: frozenset[bytes] = _bwordset("subscribe register login donate")
WEAK_START = r"(?:sign (?:up|in)|log in|support us|share (?:on|via|this))\b"
WEAK_START_WORDS: frozenset[bytes] = _bwordset("sign log support share")

# Origin: caption and credit line openings ("Photo: EPA-EFE", "Image: AFP/Getty",
# "FILE PHOTO: ...", "(Reuters)" alone, "Photo by ..." without a full stop) and
# captions ending "(Photo: ...)".
CREDIT_START = (
    r"(?:file )?(?:photo(?:graph)?s?|images?|pictures?|pic|credits?|caption|video|illustration"
    r"|graphic|source|photo credit|image credit|main image|top image|header image)"
    r"\s*(?:(?P<by>by)\b|[:|/©])"
    r"|file (?:photo|image|picture)\b"
    r"|\((?:reuters|afp|ap|yonhap|xinhua|kcna|ani|pti|ians|bloomberg|efe|dpa|upi|cnn|bbc)\)$"
)
CREDIT_FIRST_WORDS: frozenset[bytes] = _bwordset(
    """file photo photos photograph photographs image images picture pictures pic credit
    credits caption video illustration graphic source main top header reuters afp ap yonhap
    xinhua kcna ani pti ians bloomberg efe dpa upi cnn bbc"""
)
CREDIT_END = r"\((?:[^()]{0,80}\b)?(?:photo|image|picture|credit|file)\b[^()]{0,80}\)$"

# Origin: CMS artefacts that appear as lines of their own after scraping
# ("author-image", "New Update", "Comments", "Advertisement", menu items).
UI_LINES: frozenset[str] = frozenset(
    """
    author-image|author image|new update|updated|comments|comment|advertisement|advert
    |sponsored|share|share this|share article|follow us|follow|print|email|e-mail|copy link
    |link copied|save|bookmark|listen|loading|loading...|menu|home|close|back to top|more
    |show more|see more|trending|live|breaking|breaking news|exclusive|opinion|analysis
    |video|watch|gallery|photos|topics|tags
    """.replace("\n", "")
    .replace("    ", "")
    .split("|")
)

# Origin: summary boxes that repeat the story ("Key Takeaways", "Highlights",
# "Why this matters:"). The heading and the bullets/short lines after it go.
SUMMARY_HEADINGS: tuple[str, ...] = (
    r"key takeaways?",
    r"key points?",
    r"key facts",
    r"top takeaways",
    r"takeaways",
    r"(?:story )?highlights?",
    r"at a glance",
    r"in brief",
    r"in short",
    r"quick read",
    r"summary",
    r"tl;? ?dr",
    r"what you need to know",
    r"why (?:this|it) matters",
    r"the big picture",
)

# Origin: "more stories" link lists ("Read more:", "Related:", "Also read").
# The heading and the headline lines after it go.
LINK_HEADINGS: tuple[str, ...] = (
    r"read more",
    r"read also",
    r"also read",
    r"must read",
    r"related(?: (?:articles?|stories|news|coverage|content|topics|reading|links?|posts?))?",
    r"see also",
    r"further reading",
    r"more (?:stories|news|coverage|on this(?: story)?|from [^.!?:]{1,40})",
    r"recommended(?: for you| reading| stories| articles)?",
    r"you (?:may|might) (?:also )?(?:like|be interested in)",
    r"most (?:read|popular|viewed|shared)",
    r"trending(?: now| stories| news)?",
    r"top stories",
    r"editor'?s? picks?",
    r"don'?t miss",
    r"latest (?:news|stories)",
)
# First words of the headings above, to skip the heading regex for most blocks.
HEADING_FIRST_WORDS: frozenset[bytes] = _bwordset(
    """key top takeaways story highlight highlights at in quick summary tl tldr what why the
    read also must related see further more recommended you most trending editor editors
    don latest"""
)

# Origin: byline and wire-service trailer formats ("By Jane Doe",
# "Reporting by ...; Editing by ...", "Written by", "Compiled by").
BYLINE = (
    r"(?:by|written by|words by|reported by|story by|text by)\s+\S"
    r"|(?:additional )?(?:reporting|writing|editing|research|compiled|contributing)"
    r"(?: and [a-z]+)? by\b"
)
BYLINE_FIRST_WORDS: frozenset[bytes] = _bwordset(
    """by written words reported story text additional reporting writing editing research
    compiled contributing"""
)
BYLINE_MAX_WORDS = 14

# Origin: third-person contributor notes at the foot of articles ("Jane Doe
# is a reporter at ...", "John Roe covers security for ..."). Case-sensitive,
# and only applied to the trailing blocks of an article.
THIRD_PERSON_BIO = (
    r"(?:(?:Dr|Prof)\.? )?[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,3},? "
    r"(?:(?:is|was|has been) (?:an?|the) (?:[\w’'-]+,? ){0,6}"
    r"(?:reporter|journalist|correspondent|editor|writer|columnist|contributor|producer|fellow"
    r"|analyst|researcher|freelancer|author|stringer|intern)s?\b"
    r"|(?:covers|writes about|writes on|reports on)\b)"
)
BIO_MAX_WORDS = 80

# Origin: stand-alone timestamp and dateline lines ("Tuesday 16 June 2020 09:12
# BST", "Published: 5 March 2024", "Updated June 16, 2020 at 9:12 a.m. EDT").
TIMESTAMP = (
    r"(?:(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,4}[-/.]\d"
    r"|\d{1,2}:\d{2}|\d+ (?:min(?:ute)?s?|hours?|days?) ago)"
)
TIMESTAMP_MAX_WORDS = 14

# Origin: common English verbs and auxiliaries; a short line with none of them
# (and no final punctuation) is a name, title, label or heading, not a sentence.
VERBS: frozenset[str] = _wordset(
    """
    is are was were be been being am has have had do does did will would can could may might
    must shall should says said say tells told tell warns warned claims claimed denies denied
    confirms confirmed adds added states stated announces announced urges urged calls called
    reports reported writes wrote asks asked notes noted insists insisted believes believe
    thinks think knows know gets got goes went makes made takes took sees saw comes came gives
    gave wants want needs need agrees agreed vows vowed threatens threatened rejects rejected
    accuses accused meets met visits visited fires fired kills killed dies died hits launches
    launched plans planned seeks sought faces faced expects expected admits admitted argues
    argued hopes hoped fears feared
    """
)
# Words that stay lower-case in Title Case headlines.
SMALL_WORDS: frozenset[str] = _wordset(
    "a an and as at but by for from in into of off on or over per the to up via vs with amid"
)
