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

  @Test func manyMatchesAreCountedExactly() {
    // Matches are grouped by the outcome of their comparisons, not kept one by one: the counts
    // and the earliest accepted match must come out as if every match had been kept.
    let v = classifier.classify(String(repeating: "保本，", count: 200_000))
    #expect(rules(v) == ["guarantee", "repeated"])
    #expect(v.hits[0].count == 200_000)
    #expect(v.hits[0].start == 0 && v.hits[0].end == 2)

    let low = String(repeating: "年化3%，", count: 30_000)
    let text = low + "年化15%，" + String(repeating: "年化20%，年化2%，", count: 1_000)
    let rate = classifier.classify(text).hits.first { $0.rule == "rate" }
    #expect(rate?.count == 1_001)
    #expect(rate?.match == "年化15%")
    #expect(rate?.start == low.unicodeScalars.count)
  }

  @Test func earliestAcceptedMatchAcrossPatterns() throws {
    let pack = """
      define RATE (?<rate>\\d+)%
      rule two
        describe zh 两种写法
        score 3
        match /年化{RATE}/
        match /收益{RATE}/
        when rate >= 10
        hit 收益12%
      """
    let classifier = try Classifier(ruleText: pack, path: "two.rules")
    // Pattern 1 matches first in pack order but later in the text; pattern 2's first match is
    // rejected by the comparison, its second is the earliest accepted one.
    let v = classifier.classify("收益5%，收益11%，年化30%，年化1%，收益40%")
    #expect(v.hits.map(\.rule) == ["two"])
    #expect(v.hits.first?.match == "收益11%")
    #expect(v.hits.first?.start == 5)
    #expect(v.hits.first?.count == 3)
  }

  @Test func tooManyCaptureComparisonsAreAnError() {
    let comparisons = (0...64).map { "rate >= \($0)" }.joined(separator: " and ")
    let pack = """
      rule many
        describe zh 太多比较
        score 1
        match /年化(?<rate>\\d+)%/
        when \(comparisons)
        hit 年化99%
      """
    #expect {
      try Classifier(ruleText: pack, path: "many.rules")
    } throws: { error in
      "\(error)".contains("compares captures more than 64 times")
    }
  }

  @Test func manyDistinctFactsAreGroupedExactly() throws {
    // Ten comparisons: rates 5, 15, …, 105 give eleven different sets of facts, more than the
    // linear search holds before it switches to a dictionary.
    let comparisons = (1...10).map { "rate >= \($0 * 10)" }.joined(separator: " or ")
    let pack = """
      rule tiers
        describe zh 分档
        score 3
        match /年化(?<rate>\\d+)%/
        when \(comparisons)
        hit 年化15%
      """
    let classifier = try Classifier(ruleText: pack, path: "tiers.rules")
    var text = ""
    for round in 0..<50 {
      for tier in stride(from: 5, through: 105, by: 10) { text += "年化\((tier + round * 10) % 110)%，" }
    }
    let rates = text.split(separator: "，").compactMap { Int($0.dropFirst(2).dropLast()) }
    let v = classifier.classify(text)
    #expect(v.hits.first?.count == rates.filter { $0 >= 10 }.count)
    let firstAccepted = try #require(rates.firstIndex { $0 >= 10 })
    #expect(v.hits.first?.match == "年化\(rates[firstAccepted])%")
  }
}

@Suite("Scoring shortcuts")
struct ScoringShortcutTests {
  /// A meta rule that holds on an empty message (`not …`, `count(…) < 1`) is decided without
  /// evaluating it while nothing it refers to has fired, and evaluated once something has.
  @Test func metaRulesTrueOnAnEmptyMessage() throws {
    let pack = """
      rule rate
        score 1
        match /年化/
        hit 年化
      rule other
        score 1
        match /保本/
        hit 保本
      rule lonely
        score 1
        when not rate
      rule few
        score 1
        when count(rate) < 1
      rule positive-categories
        score 1
        when categories < 1
      """
    let c = try Classifier(ruleText: pack)
    #expect(c.classify("").hits.map(\.rule) == ["lonely", "few", "positive-categories"])
    // `other` fired: nothing `lonely` and `few` refer to did, so they still hold.
    #expect(c.classify("保本").hits.map(\.rule) == ["other", "lonely", "few", "positive-categories"])
    #expect(c.classify("年化").hits.map(\.rule) == ["rate", "positive-categories"])
  }

  /// The evaluator visits only the pattern rules with matches and the meta rules whose value can
  /// differ from their empty-message value; visiting and evaluating every rule in evaluation
  /// order must give the same fired rules, counts, spans and score, on the bundled pack.
  @Test func shortcutsAgreeWithEvaluatingEveryRule() throws {
    let classifier = try Classifier()
    let checked = classifier.pack.checked
    let scorer = Scorer(pack: checked)
    let patternRules = checked.rules.indices.filter { !checked.rules[$0].isMeta }
    var state: UInt64 = 7
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var buffers = ScoringBuffers()
    var disagreements = 0
    var metaFired = 0
    for _ in 0..<3_000 {
      var matches = [[MatchGroup]](repeating: [], count: checked.rules.count)
      for _ in 0..<(1 + next(10)) {
        let r = patternRules[next(patternRules.count)]
        let start = next(200)
        matches[r].append(
          MatchGroup(
            facts: UInt64(next(4)), first: start..<(start + 1 + next(9)), sequence: next(1_000), count: 1 + next(3)))
      }
      let table = MatchTable(matches)
      let fast = scorer.score(table, buffers: &buffers)
      let reference = scorer.scoreVisitingEveryRule(table)
      if fast.fired != reference.fired || fast.score != reference.score || fast.level != reference.level {
        disagreements += 1
      }
      metaFired += reference.fired.filter { checked.rules[$0.rule].isMeta }.count
    }
    #expect(disagreements == 0)
    // The random messages fire meta rules often enough for the comparison to mean something.
    #expect(metaFired > 1_000)
  }

  /// A condition nested deeper than the 64-entry stack of the compiled form is evaluated as a
  /// tree, with the same result.
  @Test func deeplyNestedConditions() throws {
    var condition = "a"
    for i in 0..<70 { condition = (i % 2 == 0 ? "b" : "a") + " and (" + condition + ")" }
    let pack = """
      rule a
        score 1
        match /甲/
        hit 甲
      rule b
        score 1
        match /乙/
        hit 乙
      rule deep
        score 1
        when \(condition)
      rule shallow
        score 1
        when a and b
      """
    let c = try Classifier(ruleText: pack)
    #expect(c.classify("甲乙").hits.map(\.rule) == ["a", "b", "deep", "shallow"])
    #expect(c.classify("甲").hits.map(\.rule) == ["a"])
  }

  /// Groups added out of rule order (a classifier adds them rule by rule) are moved, not lost.
  @Test func matchTableKeepsEachRulesGroupsTogether() {
    var table = MatchTable()
    table.reset(ruleCount: 3)
    table.add(rule: 2, groups: [MatchGroup(facts: 1, first: 5..<6, sequence: 0)])
    table.add(rule: 0, groups: [MatchGroup(facts: 0, first: 1..<2, sequence: 1)])
    table.add(
      rule: 2,
      groups: [MatchGroup(facts: 1, first: 0..<1, sequence: 2), MatchGroup(facts: 3, first: 7..<8, sequence: 3)])
    #expect(table.groups(of: 0).map(\.first) == [1..<2])
    #expect(table.groups(of: 1).isEmpty)
    let two = Array(table.groups(of: 2))
    #expect(two.map(\.facts) == [1, 3])
    #expect(two[0].count == 2)
    #expect(two[0].first == 0..<1)
    #expect(Array(table.rules) == [2, 0])
    table.reset(ruleCount: 3)
    #expect(table.isEmpty)
    #expect(table.groups(of: 2).isEmpty)
    #expect(table.groups(of: 7).isEmpty)
  }
}
