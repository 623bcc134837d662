"""Find attribution relations in one sentence: source, cue and content.

Rule-based and pure: a single regex finds candidate cues, then short token
walks find the source phrase to the left (or right, for "said X" and
"according to X") and the content.  Patterns follow newswire grammar:
leading ("X said that C"), trailing ("C, X said"), inverted ("C, said X"),
"according to X", "X quoted Y as saying C" and "Y was quoted by X as saying".
Speakers are left as written; mentions.py resolves them.
"""

from claimtrack.extraction.attribution.cues import has_cue
from claimtrack.extraction.attribution.sentence import analyse
from claimtrack.extraction.attribution.spans import Mention, RawAttribution, Token, tokenize

__all__ = ["Mention", "RawAttribution", "Token", "analyse", "has_cue", "tokenize"]
