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
  package let pack: CheckedPack

  package init(pack: CheckedPack) {
    self.pack = pack
  }

  /// Scores a message. `matches[r]` are rule `r`'s raw matches (empty for meta rules);
  /// `bytes` is the normalised text the matches point into.
  package func score(matches: [[RawMatch]], bytes: UnsafeBufferPointer<UInt8>) -> (
    fired: [FiredRule], score: Double, level: Level
  ) {
    var state = EvaluationState(pack: pack)
    for r in pack.evaluationOrder {
      let rule = pack.rules[r]
      if rule.isMeta {
        if let c = rule.condition, state.holds(c, captures: nil, bytes: bytes) {
          state.fire(r, occurrences: [])
        }
        continue
      }
      let candidates = matches[r]
      guard !candidates.isEmpty else { continue }
      guard let c = rule.condition else {
        state.fire(r, occurrences: candidates)
        continue
      }
      let accepted = candidates.filter { state.holds(c, captures: $0.captures, bytes: bytes) }
      if !accepted.isEmpty { state.fire(r, occurrences: accepted) }
    }

    // Contributions, in declaration order, categories capped.
    var used = Array(repeating: 0.0, count: pack.categories.count)
    var fired: [FiredRule] = []
    var total = 0.0
    for r in pack.rules.indices {
      guard let occurrences = state.occurrences[r] else { continue }
      let rule = pack.rules[r]
      var contribution = rule.score
      if contribution > 0, let k = rule.category, let cap = pack.categories[k].cap {
        contribution = max(0, min(contribution, cap - used[k]))
        used[k] += contribution
      }
      total += contribution
      fired.append(FiredRule(rule: r, occurrences: occurrences, contribution: contribution))
    }
    // Sums of binary fractions: round away float noise such as 2.9999999999999996.
    total = (total * 1e9).rounded() / 1e9
    let level: Level =
      total >= pack.scamThreshold ? .scam : total >= pack.suspiciousThreshold ? .suspicious : .clean
    return (fired, total, level)
  }
}

/// What is known while conditions are evaluated.
private struct EvaluationState {
  let pack: CheckedPack
  var occurrences: [[RawMatch]?]
  var firedInCategory: [Int]
  var positiveCategories = Set<Int>()

  init(pack: CheckedPack) {
    self.pack = pack
    occurrences = Array(repeating: nil, count: pack.rules.count)
    firedInCategory = Array(repeating: 0, count: pack.categories.count)
  }

  mutating func fire(_ r: Int, occurrences list: [RawMatch]) {
    occurrences[r] = list
    if let k = pack.rules[r].category {
      firedInCategory[k] += 1
      if pack.rules[r].score > 0 { positiveCategories.insert(k) }
    }
  }

  func holds(_ c: ResolvedCondition, captures: [String: Range<Int>]?, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    switch c {
    case .rule(let r): return occurrences[r] != nil
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
        lhs = Double(occurrences[r].map { pack.rules[r].isMeta ? 1 : $0.count } ?? 0)
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
