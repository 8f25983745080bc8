import FangfeiRules

/// Matches of one pattern rule in one message that its condition cannot tell apart (the same
/// outcome of every comparison on captures), counted; offsets are UTF-8 bytes of the normalised
/// text.
package struct MatchGroup: Sendable, Hashable {
  /// Bit `i`: whether the rule's `i`-th comparison on captures holds for these matches (0 for
  /// rules whose condition reads no capture: all their matches form one group).
  package var facts: UInt64
  /// The earliest of these matches.
  package var first: Range<Int>
  /// When `first` was found in the message (orders matches with the same start the way they
  /// were found: pattern order, then text order).
  package var sequence: Int
  /// How many matches the group holds.
  package var count: Int

  package init(facts: UInt64, first: Range<Int>, sequence: Int, count: Int = 1) {
    self.facts = facts
    self.first = first
    self.sequence = sequence
    self.count = count
  }

  /// Whether `self.first` comes before `other.first`.
  package func precedes(_ other: MatchGroup) -> Bool {
    first.lowerBound != other.first.lowerBound
      ? first.lowerBound < other.first.lowerBound : sequence < other.sequence
  }

  /// Adds `other`'s matches (same facts) to this group.
  package mutating func merge(_ other: MatchGroup) {
    count += other.count
    if other.precedes(self) {
      first = other.first
      sequence = other.sequence
    }
  }
}

/// A rule that fired: how many of its matches its condition accepted, the earliest of them
/// (nil for meta rules), and its share of the score.
package struct FiredRule: Sendable, Hashable {
  package var rule: Int
  package var first: Range<Int>?
  package var count: Int
  package var contribution: Double
}

/// Turns the matches of one message into fired rules, a score and a level: conditions are
/// evaluated in dependency order, each rule counts once, a category's positive total is held to
/// its cap (in declaration order), negative scores subtract.
///
/// Matches reach the scorer grouped (``MatchGroup``): a rule's comparisons on captures are
/// decided per match while the message is matched, and matches with the same outcomes are
/// counted, not kept. Memory per message is therefore bounded by the number of rules, however
/// many times a pattern matches.
package struct Scorer: Sendable {
  /// The pack's rules as flat arrays, so that scoring a message copies no rule.
  private let isMeta: [Bool]
  private let conditions: [ScoredCondition?]
  /// Each rule's comparisons on captures, in the order of their bits in ``MatchGroup/facts``.
  private let comparisons: [[Comparison]]
  private let categoryOf: [Int]  // -1: none
  private let scores: [Double]
  private let caps: [Double?]
  private let evaluationOrder: [Int]
  private let suspiciousThreshold: Double
  private let scamThreshold: Double

  package init(pack: CheckedPack) {
    isMeta = pack.rules.map(\.isMeta)
    var conditions: [ScoredCondition?] = []
    var comparisons: [[Comparison]] = []
    for rule in pack.rules {
      var list: [Comparison] = []
      conditions.append(rule.condition.map { ScoredCondition($0, comparisons: &list) })
      comparisons.append(list)
    }
    self.conditions = conditions
    self.comparisons = comparisons
    categoryOf = pack.rules.map { $0.category ?? -1 }
    scores = pack.rules.map(\.score)
    caps = pack.categories.map(\.cap)
    evaluationOrder = pack.evaluationOrder
    suspiciousThreshold = pack.suspiciousThreshold
    scamThreshold = pack.scamThreshold
  }

  /// The facts of one match of rule `r`: bit `i` is set when the rule's `i`-th comparison on
  /// captures holds. `capture` gives the range of a named capture in `bytes`, if it took part.
  package func facts(
    of r: Int, bytes: UnsafeBufferPointer<UInt8>, capture: (String) -> Range<Int>?
  ) -> UInt64 {
    var facts: UInt64 = 0
    for (i, c) in comparisons[r].enumerated() {
      let lhs: Double?
      switch c.operand {
      case .capture(let name):
        lhs = capture(name).flatMap { NumberReader.number(bytes, $0) }
      case .annual(let name):
        if let rate = capture(name).flatMap({ NumberReader.number(bytes, $0) }),
          let period = capture("period").flatMap({ NumberReader.periodsPerYear(bytes, $0) })
        {
          lhs = rate * period
        } else {
          lhs = nil
        }
      case .countRule, .countCategory, .categories:
        lhs = nil
      }
      if let lhs, c.op.holds(lhs, c.value) { facts |= 1 << UInt64(i) }
    }
    return facts
  }

  /// Scores a message. `matches[r]` are rule `r`'s match groups (empty for meta rules).
  package func score(matches: [[MatchGroup]]) -> (fired: [FiredRule], score: Double, level: Level) {
    var state = EvaluationState(
      ruleCount: isMeta.count, categoryCount: caps.count, isMeta: isMeta, categoryOf: categoryOf, scores: scores)
    for r in evaluationOrder {
      if isMeta[r] {
        if let c = conditions[r], state.holds(c, facts: 0) {
          state.fire(r, first: nil, count: 0)
        }
        continue
      }
      var count = 0
      var earliest: MatchGroup?
      for group in matches[r] {
        if let c = conditions[r], !state.holds(c, facts: group.facts) { continue }
        count += group.count
        if let e = earliest, !group.precedes(e) { continue }
        earliest = group
      }
      if count > 0 { state.fire(r, first: earliest?.first, count: count) }
    }

    // Contributions, in declaration order, categories capped.
    var used = Array(repeating: 0.0, count: caps.count)
    var fired: [FiredRule] = []
    var total = 0.0
    for f in state.fired.sorted(by: { $0.rule < $1.rule }) {
      var contribution = scores[f.rule]
      let k = categoryOf[f.rule]
      if contribution > 0, k >= 0, let cap = caps[k] {
        contribution = max(0, min(contribution, cap - used[k]))
        used[k] += contribution
      }
      total += contribution
      fired.append(FiredRule(rule: f.rule, first: f.first, count: f.count, contribution: contribution))
    }
    // Sums of binary fractions: round away float noise such as 2.9999999999999996.
    total = (total * 1e9).rounded() / 1e9
    let level: Level = total >= scamThreshold ? .scam : total >= suspiciousThreshold ? .suspicious : .clean
    return (fired, total, level)
  }
}

/// One comparison on captures (`rate >= 10`, `annual(rate) > 20`).
private struct Comparison: Sendable {
  let operand: ResolvedOperand
  let op: ComparisonOperator
  let value: Double
}

/// A rule's condition as the scorer evaluates it: comparisons on captures are replaced by the
/// bit of a match's facts that holds their outcome.
private indirect enum ScoredCondition: Sendable {
  case rule(Int)
  case category(Int)
  /// Bit `i` of the facts.
  case fact(Int)
  case never
  /// A comparison on counts (decided by what has fired).
  case compare(ResolvedOperand, ComparisonOperator, Double)
  case and(ScoredCondition, ScoredCondition)
  case or(ScoredCondition, ScoredCondition)
  case not(ScoredCondition)

  /// Converts `c`, appending its comparisons on captures to `comparisons` (left to right).
  init(_ c: ResolvedCondition, comparisons: inout [Comparison]) {
    switch c {
    case .rule(let r): self = .rule(r)
    case .category(let k): self = .category(k)
    case .compare(let operand, let op, let value):
      switch operand {
      case .capture, .annual:
        if comparisons.count < ResolvedCondition.maximumCaptureComparisons {
          self = .fact(comparisons.count)
          comparisons.append(Comparison(operand: operand, op: op, value: value))
        } else {
          // The checker rejects such packs; a comparison past the limit never holds.
          self = .never
        }
      case .countRule, .countCategory, .categories:
        self = .compare(operand, op, value)
      }
    case .and(let a, let b): self = .and(Self(a, comparisons: &comparisons), Self(b, comparisons: &comparisons))
    case .or(let a, let b): self = .or(Self(a, comparisons: &comparisons), Self(b, comparisons: &comparisons))
    case .not(let a): self = .not(Self(a, comparisons: &comparisons))
    }
  }
}

/// What is known while conditions are evaluated.
private struct EvaluationState {
  let isMeta: [Bool]
  let categoryOf: [Int]
  let scores: [Double]
  /// For each rule, its index in `fired`, or -1 while it has not fired (plain integers: cheap to
  /// create and free for every message).
  var firedIndex: [Int32]
  var firedInCategory: [Int]
  var positiveCategories = Set<Int>()
  /// The rules fired so far, in firing order.
  var fired: [(rule: Int, first: Range<Int>?, count: Int)] = []

  init(ruleCount: Int, categoryCount: Int, isMeta: [Bool], categoryOf: [Int], scores: [Double]) {
    self.isMeta = isMeta
    self.categoryOf = categoryOf
    self.scores = scores
    firedIndex = Array(repeating: -1, count: ruleCount)
    firedInCategory = Array(repeating: 0, count: categoryCount)
  }

  mutating func fire(_ r: Int, first: Range<Int>?, count: Int) {
    if firedIndex[r] < 0 {
      firedIndex[r] = Int32(truncatingIfNeeded: fired.count)
      fired.append((r, first, count))
    } else {
      fired[Int(firedIndex[r])].first = first
      fired[Int(firedIndex[r])].count = count
    }
    let k = categoryOf[r]
    if k >= 0 {
      firedInCategory[k] += 1
      if scores[r] > 0 { positiveCategories.insert(k) }
    }
  }

  func holds(_ c: ScoredCondition, facts: UInt64) -> Bool {
    switch c {
    case .rule(let r): return firedIndex[r] >= 0
    case .never: return false
    case .category(let k): return firedInCategory[k] > 0
    case .fact(let i): return facts & (1 << UInt64(i)) != 0
    case .and(let a, let b): return holds(a, facts: facts) && holds(b, facts: facts)
    case .or(let a, let b): return holds(a, facts: facts) || holds(b, facts: facts)
    case .not(let a): return !holds(a, facts: facts)
    case .compare(let operand, let op, let value):
      let lhs: Double
      switch operand {
      case .countRule(let r):
        let i = Int(firedIndex[r])
        lhs = Double(i < 0 ? 0 : isMeta[r] ? 1 : fired[i].count)
      case .countCategory(let k): lhs = Double(firedInCategory[k])
      case .categories: lhs = Double(positiveCategories.count)
      case .capture, .annual: return false  // turned into facts
      }
      return op.holds(lhs, value)
    }
  }
}

/// Reads the numbers and periods that named captures matched.
package enum NumberReader {
  /// The number in `bytes[range]`: digits with an optional decimal point; `,` and spaces between
  /// digits are ignored. Nil when there is none.
  package static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
    guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
    var text = ""
    for b in bytes[range] {
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."): text.unicodeScalars.append(Unicode.Scalar(b))
      case UInt8(ascii: ","), UInt8(ascii: " "): continue
      default: return text.isEmpty ? nil : Double(text)
      }
    }
    return Double(text)
  }

  /// How many of the captured period fit in a year: 年/year/annual/p.a./APY/APR 1, 月/month 12, 周/week 52,
  /// 日/天/day 365. Nil for anything else.
  package static func periodsPerYear(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
    guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
    let text = String(decoding: bytes[range], as: UTF8.self).lowercased()
    if text.contains("年") || text.contains("year") || text.contains("annual") || text.contains("p.a")
      || text.contains("apy") || text.contains("apr")
    {
      return 1
    }
    if text.contains("月") || text.contains("month") { return 12 }
    if text.contains("周") || text.contains("週") || text.contains("week") { return 52 }
    if text.contains("日") || text.contains("天") || text.contains("day") || text.contains("daily") { return 365 }
    return nil
  }
}
