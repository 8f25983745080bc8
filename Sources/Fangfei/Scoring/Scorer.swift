import FangfeiRules

/// One match of a pattern rule, in UTF-8 byte offsets of the normalised text.
package struct RawMatch: Sendable, Hashable {
  /// The whole match.
  package var range: Range<Int>
  /// Named captures that took part in the match (only filled for rules whose condition reads them).
  package var captures: [String: Range<Int>]

  package init(range: Range<Int>, captures: [String: Range<Int>] = [:]) {
    self.range = range
    self.captures = captures
  }
}

/// A rule that fired, with the occurrences its condition accepted and its share of the score.
package struct FiredRule: Sendable, Hashable {
  package var rule: Int
  package var occurrences: [RawMatch]
  package var contribution: Double
}

/// Turns the matches of one message into fired rules, a score and a level: conditions are
/// evaluated in dependency order, each rule counts once, a category's positive total is held to
/// its cap (in declaration order), negative scores subtract.
package struct Scorer: Sendable {
  /// The pack's rules as flat arrays, so that scoring a message copies no rule.
  private let isMeta: [Bool]
  private let conditions: [ResolvedCondition?]
  private let categoryOf: [Int]  // -1: none
  private let scores: [Double]
  private let caps: [Double?]
  private let evaluationOrder: [Int]
  private let suspiciousThreshold: Double
  private let scamThreshold: Double

  package init(pack: CheckedPack) {
    isMeta = pack.rules.map(\.isMeta)
    conditions = pack.rules.map(\.condition)
    categoryOf = pack.rules.map { $0.category ?? -1 }
    scores = pack.rules.map(\.score)
    caps = pack.categories.map(\.cap)
    evaluationOrder = pack.evaluationOrder
    suspiciousThreshold = pack.suspiciousThreshold
    scamThreshold = pack.scamThreshold
  }

  /// Scores a message. `matches[r]` are rule `r`'s raw matches (empty for meta rules);
  /// `bytes` is the normalised text the matches point into.
  package func score(matches: [[RawMatch]], bytes: UnsafeBufferPointer<UInt8>) -> (
    fired: [FiredRule], score: Double, level: Level
  ) {
    var state = EvaluationState(
      ruleCount: isMeta.count, categoryCount: caps.count, isMeta: isMeta, categoryOf: categoryOf, scores: scores)
    for r in evaluationOrder {
      if isMeta[r] {
        if let c = conditions[r], state.holds(c, captures: nil, bytes: bytes) {
          state.fire(r, occurrences: [])
        }
        continue
      }
      guard !matches[r].isEmpty else { continue }
      let candidates = matches[r]
      guard let c = conditions[r] else {
        state.fire(r, occurrences: candidates)
        continue
      }
      let accepted = candidates.filter { state.holds(c, captures: $0.captures, bytes: bytes) }
      if !accepted.isEmpty { state.fire(r, occurrences: accepted) }
    }

    // Contributions, in declaration order, categories capped.
    var used = Array(repeating: 0.0, count: caps.count)
    var fired: [FiredRule] = []
    var total = 0.0
    for (r, occurrences) in state.fired.sorted(by: { $0.rule < $1.rule }) {
      var contribution = scores[r]
      let k = categoryOf[r]
      if contribution > 0, k >= 0, let cap = caps[k] {
        contribution = max(0, min(contribution, cap - used[k]))
        used[k] += contribution
      }
      total += contribution
      fired.append(FiredRule(rule: r, occurrences: occurrences, contribution: contribution))
    }
    // Sums of binary fractions: round away float noise such as 2.9999999999999996.
    total = (total * 1e9).rounded() / 1e9
    let level: Level = total >= scamThreshold ? .scam : total >= suspiciousThreshold ? .suspicious : .clean
    return (fired, total, level)
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
  /// The rules fired so far and their occurrences, in firing order.
  var fired: [(rule: Int, occurrences: [RawMatch])] = []

  init(ruleCount: Int, categoryCount: Int, isMeta: [Bool], categoryOf: [Int], scores: [Double]) {
    self.isMeta = isMeta
    self.categoryOf = categoryOf
    self.scores = scores
    firedIndex = Array(repeating: -1, count: ruleCount)
    firedInCategory = Array(repeating: 0, count: categoryCount)
  }

  mutating func fire(_ r: Int, occurrences list: [RawMatch]) {
    if firedIndex[r] < 0 {
      firedIndex[r] = Int32(truncatingIfNeeded: fired.count)
      fired.append((r, list))
    } else {
      fired[Int(firedIndex[r])].occurrences = list
    }
    let k = categoryOf[r]
    if k >= 0 {
      firedInCategory[k] += 1
      if scores[r] > 0 { positiveCategories.insert(k) }
    }
  }

  func holds(_ c: ResolvedCondition, captures: [String: Range<Int>]?, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    switch c {
    case .rule(let r): return firedIndex[r] >= 0
    case .category(let k): return firedInCategory[k] > 0
    case .and(let a, let b):
      return holds(a, captures: captures, bytes: bytes) && holds(b, captures: captures, bytes: bytes)
    case .or(let a, let b):
      return holds(a, captures: captures, bytes: bytes) || holds(b, captures: captures, bytes: bytes)
    case .not(let a): return !holds(a, captures: captures, bytes: bytes)
    case .compare(let operand, let op, let value):
      let lhs: Double?
      switch operand {
      case .countRule(let r):
        let i = Int(firedIndex[r])
        lhs = Double(i < 0 ? 0 : isMeta[r] ? 1 : fired[i].occurrences.count)
      case .countCategory(let k): lhs = Double(firedInCategory[k])
      case .categories: lhs = Double(positiveCategories.count)
      case .capture(let name):
        lhs = captures?[name].flatMap { NumberReader.number(bytes, $0) }
      case .annual(let name):
        if let rate = captures?[name].flatMap({ NumberReader.number(bytes, $0) }),
          let period = captures?["period"].flatMap({ NumberReader.periodsPerYear(bytes, $0) })
        {
          lhs = rate * period
        } else {
          lhs = nil
        }
      }
      guard let lhs else { return false }
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
