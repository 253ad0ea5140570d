"""The version of each extractor's output, apart from the extractors themselves.

An index keeps the version its analyses were made with, and is rebuilt when it changes; a
start that only checks the version loads no extractor. Bump ``ENTITIES`` when
``extract_entities`` finds something else, ``FIGURES`` for ``extract_figures``.
"""

ENTITIES = "7"
FIGURES = "2"
EXTRACTOR_VERSION = f"entities-{ENTITIES}+figures-{FIGURES}"
