"""The version of each extractor's output, apart from the extractors themselves.

An index keeps the version its analyses were made with, and is rebuilt when it changes; a
start that only checks the version loads no extractor. Bump ``ENTITIES`` when
``extract_entities`` finds something else, ``FIGURES`` for ``extract_figures``, ``RELATIONS`` for
``extract_relations`` (quotes and their speakers, affiliations, deals: an index keeps them too).
"""

ENTITIES = "8"
FIGURES = "2"
RELATIONS = "2"
EXTRACTOR_VERSION = f"entities-{ENTITIES}+figures-{FIGURES}+relations-{RELATIONS}"
