#!/usr/bin/env python3
"""Writes the hand-made seed corpora under Fuzz/corpus/ (run from anywhere; idempotent).

The texts are written for this project: rule files that use every keyword of the rule
language, broken rule files, and scam-like, warning-like and everyday messages with emoji,
full-width and traditional characters, separators, invalid UTF-8, NULs and long lines.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- fuzz-rules
FULL = r"""# 每个关键字都用一次 / every keyword once
threshold suspicious 4
threshold scam 8.5

category high-returns
  title zh 高额回报
  title en High promised returns
  cap 8
  element inducement 社会性

category guarantee
  title zh 保本承诺
  cap 6.5
  element illegality publicity 利诱性

define RATE (?<rate>\d+(?:\.\d+)?)\s*%   # a bare fragment
define PERIOD /(?<period>[日月周天年])/
define BOTH {PERIOD}\S{0,3}?{RATE}
variants 保本 保笨 包本 保ben
variants 微信 威信 vx

mention quoted
mention before /警惕|谨防|不要相信/ within 20
mention after /等话术|为诱饵/ within 4

rule annual-rate
  category high-returns
  describe zh 承诺高额固定年化收益
  describe en Promises a high fixed annual return
  score 3
  match /年化\s*(?:收益|回报)率?\s*(?:高达|达到?)?\s*{RATE}/
  match /annual\s+return\s+of\s+{RATE}/i
  when rate >= 8 and rate < 1000
  hit  本平台年化收益高达36%，到期还本
  miss 业绩比较基准2.8%-3.5%

rule periodic
  category high-returns
  describe zh 按月返息
  score 2.5
  match /{BOTH}/s
  when annual(rate) > 10 or rate == 3
  hit  月息3%，每月到账
  miss 月利率0.3%

rule principal
  category guarantee
  describe zh 保本保息
  score 3
  match /{~保本}保息|稳赚不赔/
  match / 零 \s* 风 \s* 险 # extended mode/x
  match /^加{~微信}$/m
  hit  保笨保息，稳赚不赔
  hit  零 风险
  miss 警惕“保本保息”等话术

rule warning-frame
  describe zh 反诈宣传
  describe en Anti-fraud education
  score -2
  match /反诈|防范非法集资/
  hit  防范非法集资宣传月
  miss 今天天气好

rule returns-with-guarantee
  describe zh 高额回报与保本承诺同时出现
  score 3
  when high-returns and guarantee and not (warning-frame or count(principal) != 1)
  when categories >= 2 and count(high-returns) <= 5

rule escaped
  describe zh 井号 \# 不是注释
  score 0.5
  match /a#b\/c\{d\}/
  hit  a#b/c{d}
"""
write("fuzz-rules", "full-pack.rules", FULL)
write("fuzz-rules", "crlf-bom-tabs.rules", "\ufeff" + FULL.replace("\n  ", "\n\t").replace("\n", "\r\n"))
write("fuzz-rules", "minimal.rules", "threshold suspicious 1\nthreshold scam 2\nrule r\n  describe zh 测试\n  score 1\n  match /稳赚/\n  hit 稳赚\n")
write("fuzz-rules", "meta-only.rules", "rule a\n  score 1\n  when b\nrule b\n  score 1\n  when count(a) >= 1\n")
write("fuzz-rules", "empty.rules", "")
write("fuzz-rules", "broken-syntax.rules", r"""categroy typo
rule
rule 1bad-name
  score
  score abc
  score 1e999
  match /unterminated
  match /ok/q
  when rate >=
  when ((a and) or
  hit
   indented outside?
define
define X /(/
define Y {Y}
define Z {NOPE}
threshold suspicious -1
threshold scam 2
threshold weird 3
category c
  cap 0
  cap -5
  element nonsense
  title fr titre
mention sideways /x/ within 3
mention before /x/ within many
variants
""")
write("fuzz-rules", "semantic-errors.rules", r"""threshold suspicious 9
threshold scam 3
category dup
category dup
rule dup
  score 1
  match /(?<rate>\d+)%/
  when missing >= 3
  when annual(rate) > 1
rule loop-a
  category nowhere
  score 1
  when loop-b
rule loop-b
  score 1
  when loop-a and categroy-typo
rule self
  category selfcat
  score 1
  match /x/
  when selfcat
category selfcat
define A {B}
define B {A}
rule pcre-error
  score 1
  match /年化{BAD}/
define BAD (?<rate>[z-a])
rule nested
  score 1
  match /(a+)+$|(.*)*x|(?:\w+\s?)*$/
  match /\bNFT\b/
""")
write("fuzz-rules", "pcre-edge.rules", r"""rule p
  describe zh 各种 PCRE2 语法
  score 1
  match /[\x{4E00}-\x{9FFF}]{2,}?(?<!不)保本/
  match /(?i)(?<![a-z])usdt(?![a-z])/
  match /(*UTF)(?>x++|y*+)[\x{4E00}-\x{9FFF}]\N{U+5E74}/
  match /(?(DEFINE)(?<d>\d))(?&d){3}/
  match /\Q(literal)\E\K后/
  match /^$|\A\z|(?=)/
  hit 年化36%
rule q
  describe zh 捕获与条件
  score 1
  match /(?<rate>\d+(?:[.,]\d+)*)\s*(?:%|％)(?=\D|$)/
  match /(?|(?<rate>\d+)倍|(?<rate>\d+)番)/
  when rate >= 0.5 and rate <= 1000000
  hit 年化36%
  hit 3倍
""")
write("fuzz-rules", "escape-braces.rules", r"""# PCRE2 escapes with braces next to fragment references
define W (?<w>\p{Han})
rule braces
  describe zh 转义的花括号
  score 1
  match /\p{Han}{W}\P{L}\x{FF}\x{4e00}\N{U+5E74}\o{101}(a)\g{1}(?<n>b)\k{n}\{W}{2}/
  hit 年
""")
write("fuzz-rules", "nul-and-invalid.rules", b"rule a\x00b\n  score 1\n  match /\xff\xfe\x00/\n  hit \xc3\x28\xe2\x82\n  describe zh \xed\xa0\x80\xf4\x90\x80\x80\n")
write("fuzz-rules", "long-line.rules",
      "rule long\n  score 1\n  match /" + "(?:保本|稳赚)" * 300 + "/\n  describe zh " + "长" * 2000 + "\n")
write("fuzz-rules", "many-rules.rules",
      "".join(f"rule r{i}\n  score {i % 5 - 1}\n  match /词{i}|x{{{i % 7}}}/\n  when r{i - 1}\n" if i else "rule r0\n  score 1\n  match /a/\n"
              for i in range(60)))

# ---------------------------------------------------------------- fuzz-classify / fuzz-normalizer
MESSAGES = {
    "scam-flyer.txt": "【养老无忧】本公司响应国家政策，投资养老公寓床位，年化收益高达36%！保本保息，稳赚不赔💰💰\n"
    "名额有限，今晚24点截止，先到先得。推荐一位朋友再返2%，发展下线团队奖励更多。\n咨询请加V：fangfei-demo",
    "traditional.txt": "穩賺不賠！年化報酬率百分之三十，保證本金安全，零風險，隨時可提現。內部消息，導師帶單，請私聊。",
    "fullwidth.txt": "年化收益１８％，月息３分，日返１．５％，ＵＳＤＴ充值，ＮＦＴ数字藏品，一年回本　翻倍！！",
    "separators.txt": "稳-赚-不-赔，保.本.保.息，年 化 收 益 3 6 %，加 v 信 详 聊，稳_赚|不/赔，稳\u200b赚\u200d不\ufeff赔",
    "emoji.txt": "🔥🔥躺赚💰日返1%🚀🚀 ➕v了解 👉拉人头👈 有奖励🎁🧧 稳💰赚 不❌赔 👨‍👩‍👧‍👦 🇨🇳 1️⃣2️⃣3️⃣",
    "numerals.txt": "投资一万元，每月返还八百元；年化百分之三十六；日息千分之五；三个月回本，十万变百万，二〇二四年底到期。",
    "warning.txt": "【反诈提醒】警惕“保本保息”“稳赚不赔”“年化收益36%”等话术！凡是承诺高额回报的都是骗局。理财非存款，产品有风险，投资须谨慎。",
    "bank.txt": "本行理财产品业绩比较基准2.8%-3.5%（年化），过往业绩不代表未来表现。理财非存款，产品有风险，投资须谨慎。",
    "chat.txt": "妈，周末回家吃饭吗？超市会员卡充200送20，我帮你办了。共享单车月卡15元，挺划算的。",
    "english.txt": "Guaranteed 30% monthly profit!!! Zero risk, withdraw anytime. Join our USDT signal group, limited spots, DM me now.",
    "mixed-scripts.txt": "ＡＢＣ全角 ｱｲｳ半角 Ⅻ罗马 ①②③ ㈠㈡ 𝟙𝟚𝟛 ﬁ ẞ İ Σς é (e\u0301) 한국어 العربية עברית \u202eRTL\u202c",
    "combining.txt": "保\u0301本\u0308保\u20dd息 a\u0300\u0301\u0302\u0303\u0304 Z\u0351\u0352\u0357\u035b\u0346 ",
    "newlines.txt": "第一行年化36%\r\n第二行保本\r第三行\u2028第四行\u2029第五行\x0b\x0c\x85结束\n\n\n",
    "empty.txt": "",
    "one-char.txt": "%",
    "quotes.txt": "他说「保本保息」，她说『稳赚不赔』，《年化36%》是骗局，‘日返1%’都是假的，\"guaranteed\" returns",
    "numbers-edge.txt": "年化9999999999999999999999%，月息0.0000001分，日返-1%，年化1,000%，年化3.%，年化.5%，年化1e9%",
}
for name, text in MESSAGES.items():
    write("fuzz-classify", name, text)
    write("fuzz-normalizer", name, text)

BINARY = {
    "invalid-utf8.bin": b"\xe5\xb9\xb4\xe5\x8c\x96\xff\xfe36%\xc3\x28\xe4\xbf\x9d\xe6\x9c\xac\xed\xa0\x80\xf8\x88\x80\x80\x80\xc0\xaf",
    "truncated-scalar.bin": "稳赚不赔".encode("utf-8")[:-1],
    "nuls.bin": b"\x00" + "年化\x00收益\x0036%\x00保本".encode("utf-8") + b"\x00\x00",
    "control.bin": bytes(range(0, 32)) + "保本保息".encode("utf-8") + bytes([127]),
}
for name, data in BINARY.items():
    write("fuzz-classify", name, data)
    write("fuzz-normalizer", name, data)

LONG = {
    "long-line.txt": ("年化收益高达36%，保本保息，" * 75) + "x" * 1000,
    "long-separators.txt": "稳" + "-" * 3000 + "赚",
    "long-digits.txt": "年化" + "9" * 3000 + "%",
    "long-emoji.txt": "💰" * 1000,
}
for name, text in LONG.items():
    write("fuzz-classify", name, text)
    write("fuzz-normalizer", name, text)


# ---------------------------------------------------------------- dictionaries (libFuzzer -dict)
def escape(token):
    out = ""
    for b in token.encode("utf-8"):
        c = chr(b)
        out += c if 32 <= b < 127 and c not in '"\\' else "\\x%02X" % b
    return '"' + out + '"'


def write_dict(name, tokens):
    d = os.path.join(HERE, "dict")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "w") as f:
        f.write("# libFuzzer dictionary written by Fuzz/make-seeds.py\n")
        for t in dict.fromkeys(tokens):
            f.write(escape(t) + "\n")


RULE_TOKENS = [
    "threshold suspicious ", "threshold scam ", "category ", "rule ", "define ", "variants ",
    "mention quoted", "mention before /", "mention after /", " within ", "\n  ", "\n\t",
    "title zh ", "title en ", "cap ", "element ", "inducement", "illegality", "publicity", "sociality",
    "利诱性", "非法性", "公开性", "社会性", "describe zh ", "describe en ", "score ", "match /", "/i", "/s",
    "/x", "/m", "/six", "when ", "hit ", "miss ", " and ", " or ", "not ", "(", ")", ">=", "<=", "==", "!=",
    ">", "<", "count(", "annual(", "categories", "{", "}", "{~", "\\{", "\\/", "\\#", "#", "(?<rate>",
    "(?<period>", "\\d+", "(?:", "|", "*", "+", "?", "{0,8}?", "[", "]", "\\s*", "\\S", "(?i)", "(?<!",
    "(?=", "(?>", "++", "\\b", "\\p{Han}", "\\x{4E00}", "\\N{U+5E74}", "\\o{101}", "\\cJ", "\\012", "\\1",
    "\\g1", "\\g{-1}", "\\k<rate>", "\\k{rate}", "\\Q", "\\E", "\\K", "(?|", "(*UTF)", "(?(DEFINE)", "(?&",
    "\r\n", "\ufeff", "年化", "保本", "%", "1.5", "-2",
]
MESSAGE_TOKENS = [
    "年化", "收益", "高达", "%", "％", "月息", "分", "日返", "回本", "翻倍", "保本保息", "稳赚不赔", "零风险",
    "随时可提现", "国家政策", "乡村振兴", "央视", "元宇宙", "NFT", "USDT", "区块链", "矿机", "拉人头",
    "发展下线", "推荐奖励", "养老公寓", "床位", "会员卡", "充值返利", "共享充电宝", "售后返租", "名额有限",
    "今晚截止", "加V", "私聊", "警惕", "谨防", "等话术", "骗局", "理财非存款", "产品有风险", "投资须谨慎",
    "“", "”", "「", "」", "《", "》", "\"", "。", "！", "？", "；", "\n", "\r\n", "百分之", "三十", "一万",
    "千分之五", "〇", "十", "百", "千", "万", "亿", "穩賺不賠", "報酬", "１", "０", "Ｖ", "-", ".", "_", "|",
    " ", "\u3000", "\u200b", "\u200d", "\ufeff", "\u00ad", "💰", "🔥", "➕", "👉", "1️⃣", "e\u0301", "①", "Ⅻ",
    "\U0001D7D9", "ﬁ", "İ", "ß", "Σ",
]
write_dict("fuzz-rules.dict", RULE_TOKENS)
write_dict("fuzz-classify.dict", MESSAGE_TOKENS)
write_dict("fuzz-normalizer.dict", MESSAGE_TOKENS)
