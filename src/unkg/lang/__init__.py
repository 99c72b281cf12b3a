"""Stage `lang`: language and UN numbering knowledge the readers share — lexicons (data/lexicon/*.json), names of
States, organizations and bodies, document symbols, numerals, and how decisions are numbered."""
