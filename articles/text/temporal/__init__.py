"""Find date expressions in English news text and resolve them against a publication date.

The chronology needs every dated happening an article states, so this package turns phrases such
as "September 27, 2020", "in February 1988", "on Wednesday", "over the weekend", "last autumn" or
"later that day" into calendar values with an honest precision: nothing is invented below what the
text says ("February 1988" is the month 1988-02, never a day).

Candidates are found with regexes compiled at import time and resolved with plain calendar
arithmetic; dateparser is deliberately not used (its search is slow and reads "we" as Wednesday,
"may" as May and a same-day weekday as last week's).

The modules, by job:

- ``mention``: ``DateMention`` and ``Precision``, what callers get back.
- ``rules``: the rule names (``Rule``), what each one means, and what callers need to know of them
  (whether the value rests on the publication date, whether the sentence states it in full).
- ``vocabulary``: month and weekday names, number words and the regex pieces built from them.
- ``tense``: which way a clause points in time (past, coming, or the coming of a past moment),
  for dates without a year or a week, read from a bounded window of words so the whole stays
  linear in the length of the text.
- ``calendar_math``: month, week and season arithmetic.
- ``days``, ``months``, ``years``, ``holidays``, ``relative``, ``anaphora``: the recognisers (a
  pattern and the resolver of its matches), each module owning the rules it names in its
  docstring.
- ``context``: what a resolver sees (sentences, the publication date, the previous mention), and
  the tense-directed choice among a date's occurrences.
- ``scanner``: finds the candidates and settles them into mentions in reading order.

With ``published=None`` only expressions carrying their own year, and anaphora of them, are
returned.
"""

from .mention import DateMention, Precision
from .rules import Rule
from .scanner import find_dates
from .tense import sentence_tense_forward

__all__ = ["DateMention", "Precision", "Rule", "find_dates", "sentence_tense_forward"]
