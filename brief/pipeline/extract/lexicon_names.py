"""East Asian personal names, which the first-name lexicon (gender-guesser) mostly misses.

Chinese names reach English news in both orders ("Li Peng", "Peng Li"), with a given name of
one or two pinyin syllables written as one word ("Xiaoping", "Fa'en") and a family name from a
small closed class: about a hundred family names cover most of the population. Korean names
have a hyphenated given name ("Kim Dae-jung"), whose tail the entity pass re-attaches to the
name (``entities._hyphen_tail``). The list below holds the common family names in their usual
romanisations (pinyin, then Hong Kong / Taiwan and Korean spellings); it is a hand-written
general list, like the demonyms, with no particular person in it.
"""

from __future__ import annotations

import re


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Common Chinese family names (pinyin), then Wade-Giles / Cantonese / Taiwanese spellings, then Korean.
EAST_ASIAN_SURNAMES = _words("""
li wang zhang liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo liang song
zheng xie han tang feng yu dong xiao cheng cao yuan deng fu shen zeng peng lu su jiang cai jia
ding wei xue ye yan pan du dai xia zhong tian ren fan fang shi yao tan liao zou xiong jin hao
kong bai cui kang mao qiu qin gu hou shao meng long wan duan qian yin yi chang qiao lai gong wen
niu zhan ge mo xiang geng qi ni bao zuo ou shang rao hua lan mu ji ai bi che chi chu dang di
gan guan hong ke lei lian ling liang mi miao ning pang pei pu que rong sha tao tong wei xin xing
xun yue zha zhai zhuang zu
chan cheung chow chiu choi chung fong ho hui kwan kwok lam lau lee leung lo lui mak ng poon siu
tam tsang tse tsui wong yeung yip yuen hsu hsieh chiang chou tsai kuo lien soong teng
kim park choi jung jeong kang cho yoon jang lim han shin seo kwon hwang ahn yoo ko moon
""")

_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van"
    r"|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
)
_PINYIN = re.compile(rf"(?:{_INITIAL}{_FINAL}){{1,2}}")
_PINYIN_APOS = re.compile(rf"{_INITIAL}{_FINAL}['’-]{_INITIAL}{_FINAL}")


def is_pinyin_given(w: str) -> bool:
    """A given name of one or two pinyin syllables: "Xiaoping", "Zemin", "Fa'en"."""
    if not (w[:1].isupper() and (len(w) < 2 or w[1:].islower() or "'" in w or "’" in w)):
        return False
    low = w.lower()
    return bool(_PINYIN.fullmatch(low) or _PINYIN_APOS.fullmatch(low))


def east_asian_surname_at(ws: list[str]) -> int | None:
    """Index of the family name if the two words ``ws`` are a Chinese personal name in either
    order ("Zemin Jiang" -> 1, "Jiang Zemin" -> 0), else None."""
    if len(ws) != 2:
        return None
    a, b = ws
    la, lb = a.lower(), b.lower()
    if lb in EAST_ASIAN_SURNAMES and len(a) > 2 and is_pinyin_given(a):
        return 1
    if la in EAST_ASIAN_SURNAMES and len(b) > 2 and is_pinyin_given(b):
        return 0
    return None
