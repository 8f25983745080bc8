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
/// The match groups of one message, rule by rule: a flat list with each rule's groups together,
/// reused from message to message (``MatchScratch/table``), so that matching allocates nothing
/// per message once its buffers have grown.
package struct MatchTable: Sendable {
  /// Every group, each rule's together.
  package private(set) var groups: [MatchGroup] = []
  /// Rule `r`'s groups are `groups[start[r]..<end[r]]` (empty when it has none).
  private var start: [Int32] = []
  private var end: [Int32] = []
  /// The rules with groups, in the order they were added.
  private var touched: [Int32] = []

  /// An empty table.
  package init() {}

  /// A table with `matches[r]` as rule `r`'s groups.
  package init(_ matches: [[MatchGroup]]) {
    reset(ruleCount: matches.count)
    for (r, groups) in matches.enumerated() where !groups.isEmpty { add(rule: r, groups: groups) }
  }

  /// The rules with groups, in the order they were added.
  package var rules: LazyMapSequence<[Int32], Int> { touched.lazy.map { Int($0) } }

  /// Whether no rule has a group.
  package var isEmpty: Bool { groups.isEmpty }

  /// Empties the table for a pack of `ruleCount` rules, keeping its storage.
  package mutating func reset(ruleCount: Int) {
    if start.count != ruleCount {
      start = Array(repeating: 0, count: ruleCount)
      end = Array(repeating: 0, count: ruleCount)
    } else {
      for r in touched {
        start[Int(r)] = 0
        end[Int(r)] = 0
      }
    }
    if !touched.isEmpty { touched.removeAll(keepingCapacity: true) }
    if !groups.isEmpty { groups.removeAll(keepingCapacity: true) }
  }

  /// Where rule `r`'s groups are in ``groups``.
  package func range(of r: Int) -> Range<Int> {
    guard r >= 0, r < start.count else { return 0..<0 }
    return Int(start[r])..<Int(end[r])
  }

  /// Rule `r`'s groups.
  package func groups(of r: Int) -> ArraySlice<MatchGroup> {
    guard r >= 0, r < start.count else { return [] }
    return groups[Int(start[r])..<Int(end[r])]
  }

  /// Adds `new` to rule `r`'s groups, merging groups with the same facts.
  package mutating func add<Groups: Collection<MatchGroup>>(rule r: Int, groups new: Groups) {
    guard !new.isEmpty, r >= 0, r < start.count else { return }
    if start[r] == end[r] {
      start[r] = Int32(groups.count)
      groups.append(contentsOf: new)
      end[r] = Int32(groups.count)
      touched.append(Int32(r))
      return
    }
    if Int(end[r]) != groups.count {
      // Not the rule added last (patterns run rule by rule, so this does not happen in a
      // classifier): move its groups to the end first.
      let mine = Array(groups[Int(start[r])..<Int(end[r])])
      let width = end[r] - start[r]
      groups.removeSubrange(Int(start[r])..<Int(end[r]))
      for t in touched where start[Int(t)] > start[r] {
        start[Int(t)] -= width
        end[Int(t)] -= width
      }
      start[r] = Int32(groups.count)
      groups.append(contentsOf: mine)
      end[r] = Int32(groups.count)
    }
    for group in new {
      if let i = groups[Int(start[r])...].firstIndex(where: { $0.facts == group.facts }) {
        groups[i].merge(group)
      } else {
        groups.append(group)
      }
    }
    end[r] = Int32(groups.count)
  }
}

package struct Scorer: Sendable {
  /// Each rule's comparisons on captures, in the order of their bits in ``MatchGroup/facts``.
  private let comparisons: [[Comparison]]
  private let caps: [Double?]
  /// The pack's rules as flat tables (what evaluating the conditions of a message reads), so
  /// that scoring a message copies no rule.
  private let tables: ScoringTables
  private let suspiciousThreshold: Double
  private let scamThreshold: Double

  package init(pack: CheckedPack) {
    var conditions: [ScoredCondition?] = []
    var comparisons: [[Comparison]] = []
    for rule in pack.rules {
      var list: [Comparison] = []
      conditions.append(rule.condition.map { ScoredCondition($0, comparisons: &list) })
      comparisons.append(list)
    }
    self.comparisons = comparisons
    let tables = ScoringTables(pack: pack, conditions: conditions)
    // Each skippable meta rule's value on an empty message, worked out by the evaluator itself.
    var empty = ScoringBuffers()
    empty.reset(ruleCount: pack.rules.count, categoryCount: pack.categories.count)
    Self.withEvaluator(tables, &empty) { e in
      for r in tables.metaOrder where tables.skips[r] != nil {
        tables.skips[r]?.emptyValue = e.holds(r, facts: 0)
      }
    }
    for r in tables.metaOrder where tables.skips[r]?.emptyValue != false {
      let p = Int(tables.position[r])
      tables.initialPending[p >> 6] |= 1 << UInt64(p & 63)
    }
    self.tables = tables
    caps = pack.categories.map(\.cap)
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
    var buffers = ScoringBuffers()
    return score(MatchTable(matches), buffers: &buffers)
  }

  /// Scores a message whose match groups are in `table`, with `buffers` reused from message to
  /// message (one per task: ``MatchScratch/scoring``).
  package func score(_ table: MatchTable, buffers: inout ScoringBuffers) -> (
    fired: [FiredRule], score: Double, level: Level
  ) {
    score(table, buffers: &buffers, visitingEveryRule: false)
  }

  /// ``score(_:buffers:)`` by the definition: every rule is evaluated in evaluation order, none
  /// is skipped (the reference the shortcuts are tested against).
  package func scoreVisitingEveryRule(_ table: MatchTable) -> (fired: [FiredRule], score: Double, level: Level) {
    var buffers = ScoringBuffers()
    return score(table, buffers: &buffers, visitingEveryRule: true)
  }

  private func score(_ table: MatchTable, buffers: inout ScoringBuffers, visitingEveryRule: Bool) -> (
    fired: [FiredRule], score: Double, level: Level
  ) {
    buffers.reset(ruleCount: tables.isMeta.count, categoryCount: caps.count)
    // The pattern rules with groups (the evaluator visits them in evaluation order).
    var touched = buffers.touched
    buffers.touched = []
    if !touched.isEmpty { touched.removeAll(keepingCapacity: true) }
    for r in table.rules where !tables.isMeta[r] { touched.append(r) }
    defer { buffers.touched = touched }
    touched.withUnsafeBufferPointer { touched in
      Self.withEvaluator(tables, &buffers) { e in
        e.run(touched: touched, table: table, visitingEveryRule: visitingEveryRule)
      }
    }

    // Contributions, in declaration order, categories capped.
    buffers.fired.sort { $0.rule < $1.rule }
    var result: [FiredRule] = []
    result.reserveCapacity(buffers.fired.count)
    var total = 0.0
    for f in buffers.fired {
      var contribution = tables.scores[f.rule]
      let k = tables.categoryOf[f.rule]
      if contribution > 0, k >= 0, let cap = caps[k] {
        contribution = max(0, min(contribution, cap - buffers.used[k]))
        buffers.used[k] += contribution
      }
      total += contribution
      result.append(FiredRule(rule: f.rule, first: f.first, count: f.count, contribution: contribution))
    }
    // Sums of binary fractions: round away float noise such as 2.9999999999999996.
    total = (total * 1e9).rounded() / 1e9
    let level: Level = total >= scamThreshold ? .scam : total >= suspiciousThreshold ? .suspicious : .clean
    return (result, total, level)
  }

  /// Runs `body` with an evaluator over `tables` and `buffers` (already reset); the rules it
  /// fires end up in `buffers.fired`. Everything the evaluator touches is read through buffer
  /// pointers: walking the arrays of `buffers` directly costs a retain and a release per access.
  private static func withEvaluator<R>(
    _ tables: ScoringTables, _ buffers: inout ScoringBuffers, _ body: (inout ConditionEvaluator) -> R
  ) -> R {
    var fired = buffers.fired
    buffers.fired = []  // moved out and back, keeping its storage
    let result = buffers.firedIndex.withUnsafeMutableBufferPointer { firedIndex in
      buffers.firedInCategory.withUnsafeMutableBufferPointer { firedInCategory in
        buffers.positive.withUnsafeMutableBufferPointer { positive in
          buffers.firedBits.withUnsafeMutableBufferPointer { firedBits in
            buffers.pending.withUnsafeMutableBufferPointer { pending in
              var e = ConditionEvaluator(
                tables: tables, firedIndex: firedIndex, firedInCategory: firedInCategory, positive: positive,
                firedBits: firedBits, pending: pending, fired: fired)
              defer { fired = e.fired }
              return body(&e)
            }
          }
        }
      }
    }
    buffers.fired = fired
    return result
  }
}

/// A meta rule whose condition can be decided without evaluating it: when none of the rules
/// and categories it refers to has fired (and it does not count categories, or none fired), it
/// sees the same state as an empty message and has the value it has there.
private struct Skip: Sendable {
  /// Where its `(word, mask)` pairs over ``ScoringBuffers/firedBits`` (rules, then categories)
  /// are in the scorer's `skipWords`.
  var words: Range<Int>
  /// Whether the condition counts categories with a positive hit.
  var countsCategories: Bool
  /// The condition's value on an empty message (``Scorer/init(pack:)`` works it out).
  var emptyValue: Bool

  /// Adds the words of `c` to `skipWords`; `ruleCount` rules come before the categories.
  init(_ c: ScoredCondition, ruleCount: Int, skipWords: inout [(Int, UInt64)]) {
    var bits: [Int: UInt64] = [:]
    var countsCategories = false
    let categoryBase = (ruleCount + 63) >> 6
    func walk(_ c: ScoredCondition) {
      switch c {
      case .rule(let r), .compare(.countRule(let r), _, _): bits[r >> 6, default: 0] |= 1 << UInt64(r & 63)
      case .category(let k), .compare(.countCategory(let k), _, _):
        bits[categoryBase + k >> 6, default: 0] |= 1 << UInt64(k & 63)
      case .compare(.categories, _, _): countsCategories = true
      case .compare(.capture, _, _), .compare(.annual, _, _), .fact, .never: break
      case .and(let a, let b), .or(let a, let b):
        walk(a)
        walk(b)
      case .not(let a): walk(a)
      }
    }
    walk(c)
    let first = skipWords.count
    skipWords.append(contentsOf: bits.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    words = first..<skipWords.count
    self.countsCategories = countsCategories
    emptyValue = false  // set by the scorer, which evaluates the condition on an empty message
  }
}

/// The scorer's tables as plain memory, immutable once the scorer is built. Scoring a message
/// reads them through buffer pointers, which costs no reference counting.
private final class ScoringTables: @unchecked Sendable {
  // Safety: written only while the scorer is built (`init` here, then the empty-message values
  // of `skips` in `Scorer.init`), freed in `deinit`; only ever read in between.
  let isMeta: UnsafeMutableBufferPointer<Bool>
  let categoryOf: UnsafeMutableBufferPointer<Int>
  let scores: UnsafeMutableBufferPointer<Double>
  /// Each rule's condition as a postfix program, `steps[programs[r]]` (nil: no condition, or one
  /// too deep for the program's 64-entry stack, which `conditions` then evaluates).
  let steps: UnsafeMutableBufferPointer<Step>
  let programs: UnsafeMutableBufferPointer<Range<Int>?>
  let conditions: UnsafeMutableBufferPointer<ScoredCondition?>
  /// Per meta rule with a condition: when it can be decided without evaluating it.
  let skips: UnsafeMutableBufferPointer<Skip?>
  let skipWords: UnsafeMutableBufferPointer<(Int, UInt64)>
  /// The meta rules with a condition, in evaluation order.
  let metaOrder: UnsafeMutableBufferPointer<Int>
  /// Each rule's index in the evaluation order.
  let position: UnsafeMutableBufferPointer<Int32>
  /// The rule at each index of the evaluation order.
  let order: UnsafeMutableBufferPointer<Int32>
  /// Per rule `r` (slot `r`) and per category `k` (slot rule count + `k`): the evaluation
  /// indices of the meta rules whose conditions refer to it,
  /// `dependents[dependentStart[slot]..<dependentStart[slot + 1]]`.
  let dependentStart: UnsafeMutableBufferPointer<Int32>
  let dependents: UnsafeMutableBufferPointer<Int32>
  /// The evaluation indices of the meta rules whose conditions count categories.
  let countingMetas: UnsafeMutableBufferPointer<Int32>
  /// One bit per evaluation index: the meta rules that are true on an empty message (set by
  /// ``Scorer/init(pack:)`` once it knows them).
  let initialPending: UnsafeMutableBufferPointer<UInt64>

  init(pack: CheckedPack, conditions: [ScoredCondition?]) {
    var steps: [Step] = []
    var programs: [Range<Int>?] = []
    for condition in conditions {
      guard let condition else {
        programs.append(nil)
        continue
      }
      let first = steps.count
      if Step.compile(condition, into: &steps) <= 64 {
        programs.append(first..<steps.count)
      } else {
        steps.removeSubrange(first...)
        programs.append(nil)
      }
    }
    var skipWords: [(Int, UInt64)] = []
    let skips: [Skip?] = pack.rules.indices.map { r in
      guard pack.rules[r].isMeta, let c = conditions[r] else { return nil }
      return Skip(c, ruleCount: pack.rules.count, skipWords: &skipWords)
    }
    var position = [Int32](repeating: 0, count: pack.rules.count)
    for (i, r) in pack.evaluationOrder.enumerated() { position[r] = Int32(i) }
    isMeta = Self.copy(pack.rules.map(\.isMeta))
    categoryOf = Self.copy(pack.rules.map { $0.category ?? -1 })
    scores = Self.copy(pack.rules.map(\.score))
    self.steps = Self.copy(steps)
    self.programs = Self.copy(programs)
    self.conditions = Self.copy(conditions)
    self.skips = Self.copy(skips)
    self.skipWords = Self.copy(skipWords)
    metaOrder = Self.copy(pack.evaluationOrder.filter { pack.rules[$0].isMeta && conditions[$0] != nil })
    self.position = Self.copy(position)
    order = Self.copy(pack.evaluationOrder.map { Int32($0) })
    // The rules and categories each skippable meta rule refers to, read back from its words.
    let ruleCount = pack.rules.count
    let categoryBase = (ruleCount + 63) >> 6
    var lists: [[Int32]] = Array(repeating: [], count: ruleCount + pack.categories.count)
    var counting: [Int32] = []
    for m in pack.evaluationOrder {
      guard let skip = skips[m] else { continue }
      if skip.countsCategories { counting.append(position[m]) }
      for (word, mask) in skipWords[skip.words] {
        var bits = mask
        while bits != 0 {
          let index = (word < categoryBase ? word : word - categoryBase) << 6 | bits.trailingZeroBitCount
          lists[word < categoryBase ? index : ruleCount + index].append(position[m])
          bits &= bits - 1
        }
      }
    }
    var starts: [Int32] = [0]
    for list in lists { starts.append(starts[starts.count - 1] + Int32(list.count)) }
    dependentStart = Self.copy(starts)
    dependents = Self.copy(lists.flatMap { $0 })
    countingMetas = Self.copy(counting)
    initialPending = Self.copy(Array(repeating: 0, count: (ruleCount + 63) >> 6))
  }

  private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
    let p = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
    _ = p.initialize(from: array)
    return p
  }

  deinit {
    for p in [
      UnsafeMutableRawBufferPointer(isMeta), UnsafeMutableRawBufferPointer(categoryOf),
      UnsafeMutableRawBufferPointer(scores), UnsafeMutableRawBufferPointer(programs),
      UnsafeMutableRawBufferPointer(skips), UnsafeMutableRawBufferPointer(skipWords),
      UnsafeMutableRawBufferPointer(metaOrder), UnsafeMutableRawBufferPointer(position),
      UnsafeMutableRawBufferPointer(steps), UnsafeMutableRawBufferPointer(order),
      UnsafeMutableRawBufferPointer(dependentStart), UnsafeMutableRawBufferPointer(dependents),
      UnsafeMutableRawBufferPointer(countingMetas), UnsafeMutableRawBufferPointer(initialPending),
    ] {
      p.deallocate()
    }
    // The only element type that holds references.
    conditions.deinitialize()
    conditions.deallocate()
  }
}

/// Scores one message: the meta rules and the rules with match groups, in evaluation order.
private struct ConditionEvaluator {
  let tables: ScoringTables
  let isMeta: UnsafeMutableBufferPointer<Bool>
  let categoryOf: UnsafeMutableBufferPointer<Int>
  let scores: UnsafeMutableBufferPointer<Double>
  let programs: UnsafeMutableBufferPointer<Range<Int>?>
  let steps: UnsafeMutableBufferPointer<Step>
  let conditions: UnsafeMutableBufferPointer<ScoredCondition?>
  let skips: UnsafeMutableBufferPointer<Skip?>
  let skipWords: UnsafeMutableBufferPointer<(Int, UInt64)>
  let firedIndex: UnsafeMutableBufferPointer<Int32>
  let firedInCategory: UnsafeMutableBufferPointer<Int>
  let positive: UnsafeMutableBufferPointer<Bool>
  /// Fired rules, then categories with a fired rule, one bit each.
  let firedBits: UnsafeMutableBufferPointer<UInt64>
  /// The evaluation indices still to visit, one bit each.
  let pending: UnsafeMutableBufferPointer<UInt64>
  var fired: [(rule: Int, first: Range<Int>?, count: Int)]
  var positiveCount = 0
  /// The evaluation index being visited.
  private var current = -1

  init(
    tables: ScoringTables, firedIndex: UnsafeMutableBufferPointer<Int32>,
    firedInCategory: UnsafeMutableBufferPointer<Int>, positive: UnsafeMutableBufferPointer<Bool>,
    firedBits: UnsafeMutableBufferPointer<UInt64>, pending: UnsafeMutableBufferPointer<UInt64>,
    fired: [(rule: Int, first: Range<Int>?, count: Int)]
  ) {
    self.tables = tables
    isMeta = tables.isMeta
    categoryOf = tables.categoryOf
    scores = tables.scores
    programs = tables.programs
    steps = tables.steps
    conditions = tables.conditions
    skips = tables.skips
    skipWords = tables.skipWords
    self.firedIndex = firedIndex
    self.firedInCategory = firedInCategory
    self.positive = positive
    self.firedBits = firedBits
    self.pending = pending
    self.fired = fired
  }

  /// Evaluates, in evaluation order, the pattern rules with match groups (`touched`) and the
  /// meta rules whose value can differ from their value on an empty message. No other rule can
  /// fire.
  ///
  /// A meta rule none of whose rules and categories has fired (and that counts no categories,
  /// or none fired) has its empty-message value (``Skip``). So the rules visited are the
  /// touched ones, the meta rules true on an empty message, and the meta rules a rule fired
  /// before them refers to; a visited meta rule is then decided as before.
  ///
  /// With `visitingEveryRule`, every rule is visited and every meta rule evaluated.
  mutating func run(touched: UnsafeBufferPointer<Int>, table: MatchTable, visitingEveryRule: Bool = false) {
    let position = tables.position
    let order = tables.order
    let categoryBase = (isMeta.count &+ 63) >> 6
    for w in pending.indices { pending[w] = tables.initialPending[w] }
    if visitingEveryRule {
      for p in 0..<isMeta.count { visit(p) }
    }
    for r in touched { visit(Int(position[r])) }
    var w = 0
    while w < pending.count {
      let bits = pending[w]
      guard bits != 0 else {
        w &+= 1
        continue
      }
      pending[w] = bits & (bits &- 1)
      current = w << 6 | bits.trailingZeroBitCount
      let r = Int(order[current])
      if isMeta[r] {
        if !visitingEveryRule, let skip = skips[r], canSkip(skip) {
          if skip.emptyValue { fire(r, first: nil, count: 0, categoryBase: categoryBase) }
          continue
        }
        if holds(r, facts: 0) { fire(r, first: nil, count: 0, categoryBase: categoryBase) }
        continue
      }
      let hasCondition = programs[r] != nil || conditions[r] != nil
      var count = 0
      var earliest: MatchGroup?
      for g in table.range(of: r) {
        let group = table.groups[g]
        if hasCondition, !holds(r, facts: group.facts) { continue }
        count += group.count
        if let e = earliest, !group.precedes(e) { continue }
        earliest = group
      }
      if count > 0 { fire(r, first: earliest?.first, count: count, categoryBase: categoryBase) }
    }
  }

  /// Marks the rule at evaluation index `p` as to be visited.
  private func visit(_ p: Int) {
    pending[p >> 6] |= 1 << UInt64(p & 63)
  }

  /// Marks the meta rules after the current one in evaluation order that refer to `slot` (a
  /// rule, or rule count + a category) as to be visited.
  private func markDependents(of slot: Int) {
    let dependents = tables.dependents
    for i in Int(tables.dependentStart[slot])..<Int(tables.dependentStart[slot &+ 1]) {
      let p = Int(dependents[i])
      if p > current { visit(p) }
    }
  }

  private func canSkip(_ skip: Skip) -> Bool {
    if skip.countsCategories, positiveCount > 0 { return false }
    for i in skip.words where firedBits[skipWords[i].0] & skipWords[i].1 != 0 { return false }
    return true
  }

  private func count(of r: Int) -> Double {
    let i = Int(firedIndex[r])
    return Double(i < 0 ? 0 : isMeta[r] ? 1 : fired[i].count)
  }

  fileprivate func holds(_ r: Int, facts: UInt64) -> Bool {
    guard let program = programs[r] else {
      return conditions[r].map { tree($0, facts: facts) } ?? true
    }
    // The stack, one bit per entry (the program needs at most 64).
    var stack: UInt64 = 0
    for i in program {
      switch steps[i] {
      case .and:
        let top = stack & 1
        stack >>= 1
        stack = (stack & ~1) | (stack & top)
      case .or:
        let top = stack & 1
        stack >>= 1
        stack |= top
      case .not:
        stack ^= 1
      case .rule(let d):
        stack = stack << 1 | (firedIndex[d] >= 0 ? 1 : 0)
      case .category(let k):
        stack = stack << 1 | (firedInCategory[k] > 0 ? 1 : 0)
      case .fact(let f):
        stack = stack << 1 | (facts & (1 << UInt64(f)) != 0 ? 1 : 0)
      case .never:
        stack <<= 1
      case .countRule(let d, let op, let value):
        stack = stack << 1 | (op.holds(count(of: d), value) ? 1 : 0)
      case .countCategory(let k, let op, let value):
        stack = stack << 1 | (op.holds(Double(firedInCategory[k]), value) ? 1 : 0)
      case .categories(let op, let value):
        stack = stack << 1 | (op.holds(Double(positiveCount), value) ? 1 : 0)
      }
    }
    return stack & 1 != 0
  }

  /// The tree form, for conditions too deep for the program's stack.
  private func tree(_ c: ScoredCondition, facts: UInt64) -> Bool {
    switch c {
    case .rule(let d): return firedIndex[d] >= 0
    case .never: return false
    case .category(let k): return firedInCategory[k] > 0
    case .fact(let i): return facts & (1 << UInt64(i)) != 0
    case .and(let x, let y): return tree(x, facts: facts) && tree(y, facts: facts)
    case .or(let x, let y): return tree(x, facts: facts) || tree(y, facts: facts)
    case .not(let x): return !tree(x, facts: facts)
    case .compare(let operand, let op, let value):
      let lhs: Double
      switch operand {
      case .countRule(let d): lhs = count(of: d)
      case .countCategory(let k): lhs = Double(firedInCategory[k])
      case .categories: lhs = Double(positiveCount)
      case .capture, .annual: return false  // turned into facts
      }
      return op.holds(lhs, value)
    }
  }

  private mutating func fire(_ r: Int, first: Range<Int>?, count: Int, categoryBase: Int) {
    if firedIndex[r] < 0 {
      firedIndex[r] = Int32(truncatingIfNeeded: fired.count)
      fired.append((r, first, count))
      firedBits[r >> 6] |= 1 << UInt64(r & 63)
      markDependents(of: r)
    } else {
      fired[Int(firedIndex[r])].first = first
      fired[Int(firedIndex[r])].count = count
    }
    let k = categoryOf[r]
    if k >= 0 {
      firedInCategory[k] += 1
      firedBits[categoryBase &+ k >> 6] |= 1 << UInt64(k & 63)
      markDependents(of: isMeta.count &+ k)
      if scores[r] > 0, !positive[k] {
        positive[k] = true
        positiveCount += 1
        if positiveCount == 1 {
          for p in tables.countingMetas where Int(p) > current { visit(Int(p)) }
        }
      }
    }
  }
}

/// What scoring one message needs besides the pack, kept from message to message.
package struct ScoringBuffers: Sendable {
  /// Per rule: its index in `fired`, or -1.
  fileprivate var firedIndex: [Int32] = []
  /// Per category: how many of its rules fired.
  fileprivate var firedInCategory: [Int] = []
  /// Per category: whether a rule of it with a positive score fired.
  fileprivate var positive: [Bool] = []
  /// Per category: the points used so far under its cap.
  fileprivate var used: [Double] = []
  /// The pattern rules with groups in the message being scored.
  fileprivate var touched: [Int] = []
  /// One bit per fired rule, then one per category with a fired rule.
  fileprivate var firedBits: [UInt64] = []
  /// The rules fired so far, in firing order.
  fileprivate var fired: [(rule: Int, first: Range<Int>?, count: Int)] = []
  /// The evaluator's rules to visit, one bit per evaluation index.
  fileprivate var pending: [UInt64] = []

  /// Empty buffers (they grow on first use).
  package init() {}

  fileprivate mutating func reset(ruleCount: Int, categoryCount: Int) {
    if firedIndex.count != ruleCount {
      firedIndex = Array(repeating: -1, count: ruleCount)
    } else {
      for f in fired { firedIndex[f.rule] = -1 }
    }
    if firedInCategory.count != categoryCount {
      firedInCategory = Array(repeating: 0, count: categoryCount)
      positive = Array(repeating: false, count: categoryCount)
      used = Array(repeating: 0, count: categoryCount)
    } else {
      for k in 0..<categoryCount {
        firedInCategory[k] = 0
        positive[k] = false
        used[k] = 0
      }
    }
    let words = (ruleCount + 63) >> 6 + (categoryCount + 63) >> 6
    if firedBits.count != words {
      firedBits = Array(repeating: 0, count: words)
    } else {
      for w in 0..<words { firedBits[w] = 0 }
    }
    if !fired.isEmpty { fired.removeAll(keepingCapacity: true) }
    let pendingWords = (ruleCount + 63) >> 6
    if pending.count != pendingWords { pending = Array(repeating: 0, count: pendingWords) }
  }
}

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
/// One step of a condition in postfix form: leaves push a truth value, `and`/`or` pop two and
/// push one, `not` negates the top. A flat array of these evaluates without the reference
/// counting that walking an indirect enum costs.
private enum Step: Sendable {
  case rule(Int)
  case category(Int)
  case fact(Int)
  case never
  case countRule(Int, ComparisonOperator, Double)
  case countCategory(Int, ComparisonOperator, Double)
  case categories(ComparisonOperator, Double)
  case and
  case or
  case not

  /// Appends `c` in postfix order; returns the stack depth it needs.
  static func compile(_ c: ScoredCondition, into steps: inout [Step]) -> Int {
    switch c {
    case .rule(let r):
      steps.append(.rule(r))
      return 1
    case .category(let k):
      steps.append(.category(k))
      return 1
    case .fact(let i):
      steps.append(.fact(i))
      return 1
    case .never:
      steps.append(.never)
      return 1
    case .compare(let operand, let op, let value):
      switch operand {
      case .countRule(let r): steps.append(.countRule(r, op, value))
      case .countCategory(let k): steps.append(.countCategory(k, op, value))
      case .categories: steps.append(.categories(op, value))
      case .capture, .annual: steps.append(.never)  // turned into facts
      }
      return 1
    case .and(let a, let b), .or(let a, let b):
      let left = compile(a, into: &steps)
      let right = compile(b, into: &steps)
      if case .and = c { steps.append(.and) } else { steps.append(.or) }
      return max(left, right + 1)
    case .not(let a):
      let depth = compile(a, into: &steps)
      steps.append(.not)
      return depth
    }
  }
}

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
