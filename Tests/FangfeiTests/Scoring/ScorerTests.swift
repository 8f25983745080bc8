import Testing

@testable import Fangfei

/// A small pack that exercises caps, negative scores, captures, counts and meta rules.
let scoringPack = """
  threshold suspicious 3
  threshold scam 6

  category money
    title zh 钱
    cap 5
    element inducement

  category warn
    title zh 警示

  define RATE (?<rate>\\d+(?:\\.\\d+)?)%

  rule rate
    category money
    describe zh 年化
    describe en annual
    score 3
    match /年化{RATE}/
    when rate >= 10
    hit 年化12%
    miss 年化3%

  rule guarantee
    category money
    describe zh 保本
    score 3
    match /保本/
    hit 保本

  rule periodic
    category money
    describe zh 周期
    score 1
    match /(?<period>[日月])息(?<rate>\\d+(?:\\.\\d+)?)%/
    when annual(rate) >= 10
    hit 月息1%
    miss 日息0.01%

  rule warning
    category warn
    describe zh 警示
    score -4
    match /警惕/
    hit 警惕

  rule both
    describe zh 组合
    score 2
    when rate and guarantee and not warning
    hit 年化12%保本

  rule repeated
    describe zh 多次保本
    score 1
    when count(guarantee) >= 2
    hit 保本，保本
  """

@Suite("Scoring")
struct ScorerTests {
  let classifier: Classifier

  init() throws {
    classifier = try Classifier(ruleText: scoringPack, path: "scoring.rules")
  }

  func rules(_ v: Verdict) -> [String] { v.hits.map(\.rule) }

  @Test func capHoldsACategory() {
    let v = classifier.classify("年化12%，保本，月息1%")
    #expect(rules(v) == ["rate", "guarantee", "periodic", "both"])
    // money: 3 + 3 + 1 capped at 5 → rate 3, guarantee 2, periodic 0; both +2.
    #expect(v.hits.map(\.score) == [3, 2, 0, 2])
    #expect(v.score == 7)
    #expect(v.level == .scam)
  }

  @Test func numericConditionGatesPerMatch() {
    #expect(rules(classifier.classify("年化3%")) == [])
    let v = classifier.classify("年化3%，另一款年化15%")
    #expect(rules(v) == ["rate"])
    #expect(v.hits[0].match == "年化15%")
    #expect(v.hits[0].count == 1)
  }

  @Test func annualisedRates() {
    #expect(rules(classifier.classify("月息1%")) == ["periodic"])  // 12% a year
    #expect(rules(classifier.classify("月息0.5%")) == [])  // 6% a year
    #expect(rules(classifier.classify("日息0.05%")) == ["periodic"])  // 18.25% a year
  }

  @Test func negativeScoresAndNot() {
    let v = classifier.classify("警惕：年化12%保本")
    #expect(rules(v) == ["warning", "rate", "guarantee"])
    // money is capped at 5: rate 3, guarantee 2; warning -4; `both` is blocked by `not warning`.
    #expect(v.hits.map(\.score) == [-4, 3, 2])
    #expect(v.score == 1)
    #expect(v.level == .clean)
  }

  @Test func countsAndThresholds() {
    let v = classifier.classify("保本，保本")
    #expect(rules(v) == ["guarantee", "repeated"])
    #expect(v.hits[0].count == 2)
    #expect(v.score == 4)
    #expect(v.level == .suspicious)
  }

  @Test func englishDescriptionsFallBackToChinese() {
    let v = classifier.classify("年化12%保本", language: .en)
    #expect(v.hits.map(\.description) == ["annual", "保本", "组合"])
  }

  @Test func deterministic() {
    let text = "保本年化12%，月息1%，警惕，保本"
    let first = classifier.classify(text)
    for _ in 0..<20 { #expect(classifier.classify(text) == first) }
  }
}
