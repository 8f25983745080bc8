import Testing

@testable import Fangfei

/// A pack written for these tests, so that they exercise the normaliser, the variants tables and
/// the span mapping independently of how the bundled pack is tuned.
let evasionPack = """
  threshold suspicious 3
  threshold scam 6
  category money
    title zh 钱
  variants 加微 加微信 加v 加vx 加薇 伽微 +v 威信 加威
  variants 私聊 私我 丝我 私信
  variants 日结 日洁 日jie
  variants 刷单 刷dan
  variants 赚钱 赚米 挣钱 搞钱
  rule guarantee
    category money
    describe zh 保本
    score 3
    match /保本保息|稳赚不赔|零风险/
    hit 保本保息
  rule high-return
    category money
    describe zh 高回报
    score 3
    match /高回报|高收益/
    hit 高回报
  rule annual
    category money
    describe zh 年化
    score 3
    match /年化(?:收益|回报)?率?(?<rate>\\d+(?:\\.\\d+)?)%/
    when rate >= 10
    hit 年化20%
  rule periodic
    category money
    describe zh 周期
    score 3
    match /(?<period>[日月])(?:息|返)(?<rate>\\d+(?:\\.\\d+)?)(?:%|分)/
    when annual(rate) >= 10
    hit 月息3分
  rule amount
    category money
    describe zh 金额
    score 2
    match /(?:净利|日赚|月入)(?<amount>\\d+)/
    when amount >= 500
    hit 净利800
  rule contact
    category money
    describe zh 联系
    score 1
    match /{~加微}|{~私聊}/
    hit 加微
  rule easy
    category money
    describe zh 轻松赚
    score 2
    match /{~日结}|{~刷单}|{~赚钱}/
    hit 日结
  """

struct EvasionCase: CustomTestStringConvertible, Sendable {
  var text: String
  var rule: String
  var quote: String
  var testDescription: String { "\(rule) «\(text)»" }
}

let evasionCases: [EvasionCase] = [
  // Spaces, punctuation-like separators and emoji between Han characters.
  .init(text: "高 回 报 项目", rule: "high-return", quote: "高 回 报"),
  .init(text: "保-本-保-息", rule: "guarantee", quote: "保-本-保-息"),
  .init(text: "稳✨赚✨不✨赔", rule: "guarantee", quote: "稳✨赚✨不✨赔"),
  .init(text: "保_本_保_息，放心", rule: "guarantee", quote: "保_本_保_息"),
  .init(text: "保.本.保.息", rule: "guarantee", quote: "保.本.保.息"),
  .init(text: "稳·赚·不·赔", rule: "guarantee", quote: "稳·赚·不·赔"),
  .init(text: "高🔥回🔥报", rule: "high-return", quote: "高🔥回🔥报"),
  .init(text: "零 风 险，高 收 益", rule: "guarantee", quote: "零 风 险"),
  .init(text: "稳*赚*不*赔", rule: "guarantee", quote: "稳*赚*不*赔"),
  .init(text: "保/本/保/息", rule: "guarantee", quote: "保/本/保/息"),
  .init(text: "高\u{200B}回\u{200B}报", rule: "high-return", quote: "高\u{200B}回\u{200B}报"),
  .init(text: "稳👍🏻赚👍🏻不👍🏻赔", rule: "guarantee", quote: "稳👍🏻赚👍🏻不👍🏻赔"),
  .init(text: "保~本~保~息", rule: "guarantee", quote: "保~本~保~息"),
  // Traditional characters.
  .init(text: "穩賺不賠", rule: "guarantee", quote: "穩賺不賠"),
  .init(text: "高回報項目", rule: "high-return", quote: "高回報"),
  .init(text: "保本保息，零風險", rule: "guarantee", quote: "保本保息"),
  .init(text: "年化收益20%，穩賺", rule: "annual", quote: "年化收益20%"),
  .init(text: "零風險", rule: "guarantee", quote: "零風險"),
  // Full-width digits and letters.
  .init(text: "ＶＩＰ理财 年化２０％", rule: "annual", quote: "年化２０％"),
  .init(text: "年化收益３６％", rule: "annual", quote: "年化收益３６％"),
  .init(text: "月息３分", rule: "periodic", quote: "月息３分"),
  .init(text: "加Ｖ详谈", rule: "contact", quote: "加Ｖ"),
  .init(text: "日返１％", rule: "periodic", quote: "日返１％"),
  // Chinese numerals and rates.
  .init(text: "年化收益百分之三十", rule: "annual", quote: "年化收益百分之三十"),
  .init(text: "月息三分", rule: "periodic", quote: "月息三分"),
  .init(text: "日息千分之五", rule: "periodic", quote: "日息千分之五"),
  .init(text: "年化百分之十五", rule: "annual", quote: "年化百分之十五"),
  .init(text: "挣￥好路子.净利⑧佰", rule: "amount", quote: "净利⑧佰"),
  .init(text: "日赚壹仟", rule: "amount", quote: "日赚壹仟"),
  .init(text: "月入两万", rule: "amount", quote: "月入两万"),
  .init(text: "月入3万", rule: "amount", quote: "月入3万"),
  .init(text: "日返百分之一", rule: "periodic", quote: "日返百分之一"),
  .init(text: "年化收益率二十", rule: "annual", quote: "").withoutHit(),
  // Variant spellings of contact and easy-money words.
  .init(text: "有意者加V", rule: "contact", quote: "加V"),
  .init(text: "伽微了解", rule: "contact", quote: "伽微"),
  .init(text: "详情+v", rule: "contact", quote: "+v"),
  .init(text: "有兴趣丝我", rule: "contact", quote: "丝我"),
  .init(text: "加薇信息", rule: "contact", quote: "加薇"),
  .init(text: "威信同号", rule: "contact", quote: "威信"),
  .init(text: "兼职日洁", rule: "easy", quote: "日洁"),
  .init(text: "日jie兼职", rule: "easy", quote: "日jie"),
  .init(text: "刷dan兼职", rule: "easy", quote: "刷dan"),
  .init(text: "带你赚米", rule: "easy", quote: "赚米"),
  .init(text: "日 洁 兼职", rule: "easy", quote: "日 洁"),
  .init(text: "丝 我", rule: "contact", quote: "丝 我"),
  // Several tricks at once.
  .init(text: "穩-賺-不-賠，年化２０％，加Ｖ", rule: "guarantee", quote: "穩-賺-不-賠"),
  .init(text: "年 化 收 益 百 分 之 三 十", rule: "annual", quote: "年 化 收 益 百 分 之 三 十"),
]

extension EvasionCase {
  /// A form that must NOT hit (the numeral has no unit, so it is not a rate).
  func withoutHit() -> EvasionCase {
    var c = self
    c.quote = ""
    return c
  }
}

@Suite("Evasion forms are seen through and quoted as written")
struct EvasionTests {
  static let classifier: Classifier? = try? Classifier(ruleText: evasionPack, path: "evasion.rules")

  @Test(arguments: evasionCases)
  func hitAndSpanInTheOriginal(_ c: EvasionCase) throws {
    let classifier = try #require(Self.classifier)
    let verdict = classifier.classify(c.text)
    let hit = verdict.hits.first { $0.rule == c.rule }
    if c.quote.isEmpty {
      #expect(hit == nil, "\(verdict.hits.map(\.rule))")
      return
    }
    let h = try #require(hit, "fired: \(verdict.hits.map(\.rule))")
    #expect(h.match == c.quote)
    let start = try #require(h.start)
    let end = try #require(h.end)
    #expect(slice(c.text, start, end) == c.quote)
  }

  @Test func atLeastFortyForms() {
    #expect(evasionCases.count >= 40)
  }
}

@Suite("Evasion generator")
struct EvasionGeneratorTests {
  @Test func rewrites() throws {
    #expect(EvasionGenerator.between("保本a保息", " ") == "保 本a保 息")
    #expect(EvasionGenerator.fullWidth("vip 20%") == "ｖｉｐ ２０％")
    #expect(EvasionGenerator.chineseNumerals("年化36%，投资10000元，3.5%不变，5,000") == "年化百分之三十六，投资一万元，3.5%不变，5,000")
    #expect(EvasionGenerator.chinese(15) == "十五")
    #expect(EvasionGenerator.chinese(105) == "一百零五")
    #expect(EvasionGenerator.chinese(20_500) == "二万零五百")
    #expect(EvasionGenerator.chinese(110_000) == "十一万")
    #expect(EvasionGenerator.chinese(99_999_999) == "九千九百九十九万九千九百九十九")
    #expect(EvasionGenerator.chinese(100_000_000) == "100000000")
    #expect(EvasionGenerator.chineseNumerals("电话13800000000，年化36%") == "电话13800000000，年化百分之三十六")
  }

  @Test func everyRewriteOfThePackHits() throws {
    let classifier = try #require(EvasionTests.classifier)
    let results = ExampleRunner(classifier: classifier).runEvasions()
    let tried = results.reduce(0) { $0 + $1.tried }
    #expect(tried > 20)
    for r in results { #expect(r.escaped.isEmpty, "\(r.rule): \(r.escaped.map(\.text))") }
  }
}
