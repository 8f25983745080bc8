import FangfeiRules

/// One pass over the normalised text that tells which patterns can possibly match: an
/// Aho-Corasick automaton over every pattern's required literals (see ``RequiredLiterals``),
/// compiled to a byte-class DFA. A pattern's requirement is a conjunction of groups of
/// literals: it runs only when, for every group, one of its literals occurs. Patterns without
/// a usable literal always run. Results are the same with and without it; it only skips
/// patterns that cannot match.
///
/// A unit may also have prefixes: strings one of which every match of it starts with
/// (``CheckedRule/patternPrefixes``). The scan then also reports where they start, and the unit
/// runs only when one occurs; its pattern need only be tried at those places (see
/// ``CompiledPattern/forEachMatch(in:at:scratch:_:)``).
///
/// The units it decides for are numbered by the caller: rules (``init(requirements:isPatternRule:)``)
/// or the patterns of a pack, rule by rule (``init(checked:)``).
package struct Prefilter: Sendable {
  /// Units that run on every message.
  package let alwaysRun: [Int]
  /// How many units the automaton decides for.
  package let filteredRuleCount: Int
  /// Number of distinct literals and automaton states (for reports).
  package let literalCount: Int
  package let stateCount: Int
  /// Number of states with a complete transition row.
  package var denseStateCount: Int { rowNode.count }

  private let ruleCount: Int
  private let byteClass: [UInt8]
  /// The automaton, Aho-Corasick with failure links. Busy states (those near the root and those
  /// with more than ``denseChildren`` children) have a complete row, one transition per byte
  /// class, in `dense` (row `i` at `i * stride`; `rowNode[i]` is its state); the others list
  /// their own children, sorted by class, in `childClass`/`childTarget`
  /// (`childStart[s]..<childStart[s + 1]`) and fall back to their failure state
  /// (`failTarget[s]`) for any other byte.
  ///
  /// A transition's target says where to look next: ``denseBit`` and a row number, or a state
  /// number; ``outputBit`` when the state it leads to has outputs.
  ///
  /// A complete table (every state a full row) would take `states × classes` entries — about
  /// 13 MB for the bundled pack, and most of the time it takes to load; this form has about
  /// 1,800 rows (1 MB), and the scan mostly stays in them.
  private let dense: [UInt32]
  private let stride: Int
  private let rowNode: [Int32]
  private let childStart: [Int32]
  private let childClass: [UInt8]
  private let childTarget: [UInt32]
  private let failTarget: [UInt32]
  private static let outputBit: UInt32 = 0x8000_0000
  private static let denseBit: UInt32 = 0x4000_0000
  private static let indexMask: UInt32 = 0x3FFF_FFFF
  /// Each state's outputs: `outputs[outputStart[s]..<outputEnd[s]]`.
  private let outputStart: [Int32]
  private let outputEnd: [Int32]
  /// Each output: `unit << 8 | group` (group 0…7 of the unit's conjunction), or
  /// `unit << 8 | 0x80 | length` for a prefix of the unit, of `length` bytes.
  private let outputs: [Int32]
  /// The mask of all groups of each unit, with ``prefixBit`` for a unit with prefixes (0 for
  /// units that never or always run).
  private let fullMask: [UInt16]
  /// The bit of a unit's mask that says one of its prefixes occurred.
  private static let prefixBit: UInt16 = 0x100
  /// Whether each unit has prefixes (its places are reported by ``mark(_:into:units:places:scratch:)``).
  package let hasPrefixes: [Bool]

  /// The part of a literal the automaton looks for: its first `keyBytes` bytes, cut at a
  /// character boundary. Any text containing the literal contains its key, so the filter stays
  /// a superset. Four Han characters: with two, common words (工作, 时间, 小时 of 工作简单,
  /// 时间自由, 小时结) let expensive patterns run on most messages; longer keys only grow the
  /// automaton.
  static let keyBytes = RequiredLiterals.prefixBytes

  /// States with more children than this get a complete transition row (see `dense`); the
  /// others are searched linearly, so this also bounds that search.
  static let denseChildren = 8
  /// States this close to the root (in bytes) get a complete row too: the scan spends most of
  /// its time there.
  static let denseDepth: UInt8 = 3

  static func key(_ literal: String) -> String {
    String(decoding: keyUTF8(literal), as: UTF8.self)
  }

  /// ``key(_:)`` as UTF-8 bytes (keys are sorted as bytes: much cheaper than `String` order).
  static func keyUTF8(_ literal: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(keyBytes + 3)
    appendKeyUTF8(literal, to: &out)
    return out
  }

  /// Appends ``keyUTF8(_:)`` of `literal` to `out`.
  static func appendKeyUTF8(_ literal: String, to out: inout [UInt8]) {
    var literal = literal
    literal.withUTF8 { bytes in
      var count = 0
      for b in bytes {
        // A character starts at every byte that is not a continuation byte (10xxxxxx).
        if b & 0xC0 != 0x80 {
          let width = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
          if count + width > keyBytes, count >= 2 { break }
        }
        count += 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<count]))
    }
  }

  /// Builds the automaton. `requirements[r]` are rule `r`'s literals (one of which every match
  /// contains), nil for a rule that must always run; `isPatternRule[r]` is false for meta rules,
  /// which never run patterns.
  package init(requirements: [[String]?], isPatternRule: [Bool]) {
    self.init(
      conjunctions: requirements.map { $0.map { [$0] } }, isActive: isPatternRule)
  }

  /// A unit's place in a message: `unit << 32 | byte offset` (sorted, these are by unit, then
  /// by offset).
  package typealias Place = UInt64

  /// Builds the prefilter of a pack: one unit per pattern, numbered rule by rule
  /// (``CompiledPack/units``), from the literals ``PackChecker/analyseLiterals(_:)`` found, then
  /// one unit per mention (``CompiledPack/units``.count + mention index; never for `quoted`).
  /// It needs only the checked pack (whose patterns correspond one to one with the compiled
  /// ones: a pattern PCRE2 rejects prevents the pack), so it can be built while the patterns
  /// are being compiled.
  package init(checked: CheckedPack) {
    var conjunctions: [[[String]]?] = []
    var prefixes: [[String]?] = []
    var active: [Bool] = []
    for rule in checked.rules {
      let count = rule.patterns.count
      let known = rule.patternConjunctions.count == count
      let knownPrefixes = rule.patternPrefixes.count == count
      for i in 0..<count {
        conjunctions.append(known ? rule.patternConjunctions[i] : nil)
        prefixes.append(knownPrefixes ? rule.patternPrefixes[i] : nil)
        active.append(true)
      }
    }
    for mention in checked.mentions {
      if let p = mention.pattern {
        conjunctions.append(RequiredLiterals.analyse(p.text, extended: p.flags.contains(.extended)).conjunction)
        active.append(true)
      } else {
        conjunctions.append(nil)
        active.append(false)
      }
      prefixes.append(nil)
    }
    self.init(conjunctions: conjunctions, isActive: active, prefixes: prefixes)
  }

  /// Builds the automaton. Unit `u` runs when, for every group of `conjunctions[u]`, one of its
  /// literals occurs, and, when `prefixes[u]` is given, one of those (always when both are nil);
  /// inactive units never run.
  package init(conjunctions: [[[String]]?], isActive: [Bool], prefixes: [[String]?]? = nil) {
    ruleCount = conjunctions.count
    var always: [Int] = []
    var masks = [UInt16](repeating: 0, count: conjunctions.count)
    var withPrefixes = [Bool](repeating: false, count: conjunctions.count)
    // Every (literal, output) pair: the literals' keys end to end in `keyBytes`, pair `i`'s at
    // `keyStart[i]..<keyStart[i + 1]`, its output (see `outputs`) in `pairOutput[i]`.
    var keyBytes: [UInt8] = []
    var keyStart: [Int32] = [0]
    var pairOutput: [Int32] = []
    for (u, conjunction) in conjunctions.enumerated() where isActive[u] {
      let unitPrefixes = prefixes.flatMap { u < $0.count ? $0[u] : nil }.flatMap { $0.isEmpty ? nil : $0 }
      guard (conjunction.map { !$0.isEmpty } ?? false) || unitPrefixes != nil else {
        always.append(u)
        continue
      }
      for (g, group) in (conjunction ?? []).prefix(8).enumerated() {
        masks[u] |= 1 << UInt16(g)
        for lit in group {
          Self.appendKeyUTF8(lit, to: &keyBytes)
          keyStart.append(Int32(keyBytes.count))
          pairOutput.append(Int32(u << 8 | g))
        }
      }
      if let unitPrefixes {
        masks[u] |= Self.prefixBit
        withPrefixes[u] = true
        for lit in unitPrefixes {
          let before = keyBytes.count
          Self.appendKeyUTF8(lit, to: &keyBytes)
          keyStart.append(Int32(keyBytes.count))
          pairOutput.append(Int32(u << 8 | 0x80 | (keyBytes.count - before)))
        }
      }
    }
    fullMask = masks
    hasPrefixes = withPrefixes
    alwaysRun = always
    filteredRuleCount = conjunctions.indices.filter { isActive[$0] }.count - always.count

    // The pairs in byte order of their keys, shorter first (the order among pairs with the
    // same key does not matter: a node's outputs are sorted below). A key has at most 15 bytes
    // (``keyBytes`` is 12; after fewer than 2 bytes, one more character makes at most 5), so it
    // packs big-endian and zero-padded into the first 15 bytes of two words, with its length in
    // the last byte: sorting the words sorts the keys, without a comparison loop. (Were a key
    // longer, only the order of pairs would suffer, which the automaton does not depend on, and
    // the count of distinct literals, which only reports show.)
    var packed = [(high: UInt64, low: UInt64, pair: Int)]()
    packed.reserveCapacity(pairOutput.count)
    keyBytes.withUnsafeBufferPointer { bytes in
      for i in pairOutput.indices {
        let from = Int(keyStart[i])
        let count = min(Int(keyStart[i + 1]) - from, 15)
        var high: UInt64 = 0
        var low: UInt64 = 0
        for k in 0..<count {
          let b = UInt64(bytes[from + k])
          if k < 8 { high |= b << UInt64(56 - 8 * k) } else { low |= b << UInt64(120 - 8 * k) }
        }
        packed.append((high, low | UInt64(count), i))
      }
    }
    packed.sort { a, b in a.high != b.high ? a.high < b.high : a.low < b.low }
    let order = packed.map(\.pair)

    // Byte classes: each byte used in a literal gets its own class (in the order the sorted
    // keys first use them); all others share class 0.
    var classOf = [UInt8](repeating: 0, count: 256)
    var classes = 1
    for i in order {
      for k in Int(keyStart[i])..<Int(keyStart[i + 1]) where classOf[Int(keyBytes[k])] == 0 {
        classOf[Int(keyBytes[k])] = UInt8(truncatingIfNeeded: classes)
        classes += 1
      }
    }
    // More than 255 used bytes cannot happen with UTF-8 literals that avoid 0xC0, 0xC1, 0xF5…,
    // but guard anyway: fall back to one class per byte value.
    if classes > 255 {
      for b in 0..<256 { classOf[b] = UInt8(truncatingIfNeeded: b) }
      classes = 256
    }
    // ASCII letters match regardless of case (literals are lower-case; the text may not be).
    for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(upper)] = classOf[Int(upper | 0x20)] }
    byteClass = classOf

    // The trie, as flat arrays: a node's children are a list (first child, next sibling), the
    // newest first — with sorted literals the child looked for is nearly always the newest.
    // Each node's own outputs are a list too (`ownFirst`, then `ownNext` by pair): several
    // literals can end in one node when case folding makes their classes equal. This and the
    // steps below work in temporary buffers of their largest possible size (a node per key
    // byte, and the root), which Swift arrays grown and captured by nested functions would
    // check on every access.
    var temporaries: [UnsafeMutableRawBufferPointer] = []
    defer { for t in temporaries { t.deallocate() } }
    func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
      let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(count, 1))
      b.initialize(repeating: value)
      temporaries.append(UnsafeMutableRawBufferPointer(b))
      return b
    }
    let pairOutputs = pairOutput
    let maximumNodes = keyBytes.count + 1
    let firstChild = buffer(maximumNodes, Int32(-1))
    let nextSibling = buffer(maximumNodes, Int32(-1))
    let edge = buffer(maximumNodes, UInt8(0))
    let ownFirst = buffer(maximumNodes, Int32(-1))
    let ownNext = buffer(pairOutputs.count, Int32(-1))
    var n = 1
    for i in order {
      var node = 0
      for k in Int(keyStart[i])..<Int(keyStart[i + 1]) {
        let c = classOf[Int(keyBytes[k])]
        var child = firstChild[node]
        while child >= 0, edge[Int(child)] != c { child = nextSibling[Int(child)] }
        if child < 0 {
          child = Int32(n)
          edge[n] = c
          nextSibling[n] = firstChild[node]
          firstChild[node] = child
          n += 1
        }
        node = Int(child)
      }
      ownNext[i] = ownFirst[node]
      ownFirst[node] = Int32(i)
    }
    // Distinct literals: the pairs are sorted by their packed keys, equal exactly when the keys
    // are (they have at most 15 bytes).
    var literalCount = 0
    for k in packed.indices where k == 0 || packed[k].high != packed[k - 1].high || packed[k].low != packed[k - 1].low {
      literalCount += 1
    }
    self.literalCount = literalCount
    stateCount = n

    // Each node's children, sorted by class (insertion: a node has few, and its classes are
    // distinct), in flat arrays.
    let cStart = buffer(n + 1, Int32(0))
    let cClass = buffer(n, UInt8(0))
    let cNode = buffer(n, Int32(0))
    var childCount = 0
    for node in 0..<n {
      cStart[node] = Int32(childCount)
      let first = childCount
      var child = firstChild[node]
      while child >= 0 {
        let c = edge[Int(child)]
        var k = childCount
        while k > first, cClass[k - 1] > c {
          cClass[k] = cClass[k - 1]
          cNode[k] = cNode[k - 1]
          k -= 1
        }
        cClass[k] = c
        cNode[k] = child
        childCount += 1
        child = nextSibling[Int(child)]
      }
    }
    cStart[n] = Int32(childCount)
    /// Node `node`'s child on class `c`, or -1.
    func child(_ node: Int, _ c: UInt8) -> Int32 {
      var lo = Int(cStart[node])
      var hi = Int(cStart[node + 1])
      while lo < hi {
        let mid = (lo + hi) / 2
        if cClass[mid] < c { lo = mid + 1 } else { hi = mid }
      }
      return lo < Int(cStart[node + 1]) && cClass[lo] == c ? cNode[lo] : -1
    }

    // Breadth-first: failure links, merged outputs, then the transitions. A transition into a
    // state with outputs (its own or its failure chain's) carries ``outputBit``, so that the
    // scan loop looks at outputs only when there are some. A node's outputs are its own and its
    // failure node's (already final: it is shallower), sorted and without repeats; a node
    // without its own shares its failure node's range.
    let fail = buffer(n, Int32(0))
    let hasOutput = buffer(n, false)
    let starts = buffer(n, Int32(0))
    let ends = buffer(n, Int32(0))
    var flat: [Int32] = []
    var mine: [Int32] = []
    func setOutputs(_ node: Int, failure: Int?, flat: inout [Int32], mine: inout [Int32]) {
      mine.removeAll(keepingCapacity: true)
      var pair = ownFirst[node]
      while pair >= 0 {
        mine.append(pairOutputs[Int(pair)])
        pair = ownNext[Int(pair)]
      }
      if let failure, mine.isEmpty {
        starts[node] = starts[failure]
        ends[node] = ends[failure]
        return
      }
      if mine.count > 1 {
        mine.sort()
        var kept = 1
        for x in mine.dropFirst() where x != mine[kept - 1] {
          mine[kept] = x
          kept += 1
        }
        mine.removeLast(mine.count - kept)
      }
      let start = flat.count
      guard let failure, starts[failure] < ends[failure] else {
        flat.append(contentsOf: mine)
        starts[node] = Int32(start)
        ends[node] = Int32(flat.count)
        return
      }
      // Merge two sorted lists without repeats (the failure node's is sorted when it has more
      // than one entry, and trivially when it has one).
      var i = 0
      var j = Int(starts[failure])
      let jEnd = Int(ends[failure])
      flat.reserveCapacity(flat.count + mine.count + jEnd - j)
      while i < mine.count || j < jEnd {
        let x: Int32
        if j == jEnd || (i < mine.count && mine[i] <= flat[j]) {
          x = mine[i]
          if j < jEnd, flat[j] == x { j += 1 }
          i += 1
        } else {
          x = flat[j]
          j += 1
        }
        flat.append(x)
      }
      starts[node] = Int32(start)
      ends[node] = Int32(flat.count)
    }

    // Failure links and outputs, breadth first (a failure node is always shallower).
    setOutputs(0, failure: nil, flat: &flat, mine: &mine)
    let queue = buffer(n, 0)
    var queued = 0
    for k in Int(cStart[0])..<Int(cStart[1]) {
      let next = Int(cNode[k])
      hasOutput[next] = ownFirst[next] >= 0
      queue[queued] = next
      queued += 1
    }
    let depth = buffer(n, UInt8(1))
    depth[0] = 0
    var head = 0
    while head < queued {
      let node = queue[head]
      head += 1
      setOutputs(node, failure: Int(fail[node]), flat: &flat, mine: &mine)
      for k in Int(cStart[node])..<Int(cStart[node + 1]) {
        let next = Int(cNode[k])
        depth[next] = depth[node] &+ 1
        let c = cClass[k]
        // The deepest proper suffix of `next` that is a trie node.
        var f = Int(fail[node])
        var target = child(f, c)
        while target < 0, f != 0 {
          f = Int(fail[f])
          target = child(f, c)
        }
        fail[next] = max(target, 0)
        hasOutput[next] = ownFirst[next] >= 0 || hasOutput[Int(fail[next])]
        queue[queued] = next
        queued += 1
      }
    }

    // Busy states get a complete row: their own children over their failure state's
    // transitions. Rows are written breadth first, so a failure state's row, when it has one,
    // is already complete.
    let rowOf = buffer(n, Int32(-1))
    var rowNode: [Int32] = []
    for index in -1..<queued {
      let node = index < 0 ? 0 : queue[index]
      guard depth[node] <= Self.denseDepth || Int(cStart[node + 1] - cStart[node]) > Self.denseChildren else {
        continue
      }
      rowOf[node] = Int32(rowNode.count)
      rowNode.append(Int32(node))
    }
    func target(_ node: Int) -> UInt32 {
      (rowOf[node] >= 0 ? UInt32(rowOf[node]) | Self.denseBit : UInt32(node))
        | (hasOutput[node] ? Self.outputBit : 0)
    }
    var table = [UInt32](repeating: 0, count: rowNode.count * classes)
    table.withUnsafeMutableBufferPointer { table in
      /// The complete transition of `node` on class `c`, from rows written so far.
      func step(_ node: Int, _ c: UInt8) -> UInt32 {
        var s = node
        while true {
          if rowOf[s] >= 0 { return table[Int(rowOf[s]) * classes + Int(c)] }
          let k = child(s, c)
          if k >= 0 { return target(Int(k)) }
          s = Int(fail[s])
        }
      }
      for (row, node) in rowNode.enumerated() {
        let n = Int(node)
        let failRow = Int(rowOf[Int(fail[n])])
        if n != 0, failRow >= 0 {
          // The failure state's row (complete: it is shallower), with this state's children over it.
          for c in 0..<classes { table[row * classes + c] = table[failRow * classes + c] }
          for k in Int(cStart[n])..<Int(cStart[n + 1]) { table[row * classes + Int(cClass[k])] = target(Int(cNode[k])) }
          continue
        }
        for c in 0..<classes {
          let k = child(n, UInt8(truncatingIfNeeded: c))
          table[row * classes + c] =
            k >= 0 ? target(Int(k)) : n == 0 ? target(0) : step(Int(fail[n]), UInt8(truncatingIfNeeded: c))
        }
      }
    }
    if n >= Int(Self.indexMask) {
      // Never for real packs (a billion states): state numbers would not fit beside the flags.
      // Without rows, `mark` lets every unit run.
      rowNode = []
      table = []
    }
    dense = table
    stride = classes
    self.rowNode = rowNode
    childStart = Array(UnsafeBufferPointer(rebasing: cStart[..<(n + 1)]))
    childClass = Array(UnsafeBufferPointer(rebasing: cClass[..<childCount]))
    childTarget = cNode[..<childCount].map { target(Int($0)) }
    failTarget = fail[..<n].map { target(Int($0)) }
    outputStart = Array(UnsafeBufferPointer(rebasing: starts[..<n]))
    outputEnd = Array(UnsafeBufferPointer(rebasing: ends[..<n]))
    outputs = flat
  }

  /// The units that may match `bytes`: `result[u]` is true when unit `u` must run.
  package func candidates(_ bytes: UnsafeBufferPointer<UInt8>) -> [Bool] {
    var result: [Bool] = []
    var seen: [UInt16] = []
    _ = mark(bytes, into: &result, scratch: &seen)
    return result
  }

  /// Fills `result` (resized to the number of units) with the units that may match `bytes`;
  /// returns whether there is any. Reuses the storage of `result` and `seen` (the groups found
  /// so far, per unit).
  package func mark(_ bytes: UnsafeBufferPointer<UInt8>, into result: inout [Bool], scratch seen: inout [UInt16])
    -> Bool
  {
    var units: [Int] = []
    var places: [Place] = []
    return mark(bytes, into: &result, units: &units, places: &places, scratch: &seen)
  }

  /// ``mark(_:into:scratch:)`` that also lists the units that may match in `units` (cleared
  /// first), in increasing order, and in `places` (cleared first, sorted) where the prefixes of
  /// those of them with prefixes start, one ``Place`` per occurrence (several prefixes starting
  /// at one offset may repeat it).
  package func mark(
    _ bytes: UnsafeBufferPointer<UInt8>, into result: inout [Bool], units: inout [Int], places: inout [Place],
    scratch seen: inout [UInt16]
  ) -> Bool {
    if !units.isEmpty { units.removeAll(keepingCapacity: true) }
    if !places.isEmpty { places.removeAll(keepingCapacity: true) }
    defer {
      if units.count > 1 { units.sort() }
      if !places.isEmpty {
        // Only the places of units that run are read: the others need no sorting.
        let run = result
        places.removeAll { !run[Int($0 >> 32)] }
        if places.count > 1 { places.sort() }
      }
    }
    if result.count != ruleCount {
      result = [Bool](repeating: false, count: ruleCount)
      seen = [UInt16](repeating: 0, count: ruleCount)
    } else {
      result.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
      seen.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
    var any = !alwaysRun.isEmpty
    if any {
      for r in alwaysRun { result[r] = true }
      units.append(contentsOf: alwaysRun)
    }
    guard stateCount > 1 else { return any }
    guard !rowNode.isEmpty else {
      // No automaton: every unit runs, those with prefixes at every character.
      for u in 0..<ruleCount where fullMask[u] != 0 && !result[u] {
        result[u] = true
        units.append(u)
        any = true
        if hasPrefixes[u] {
          for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 { places.append(Place(u) << 32 | Place(i)) }
        }
      }
      return any
    }
    result.withUnsafeMutableBufferPointer { result in
      seen.withUnsafeMutableBufferPointer { seen in
        dense.withUnsafeBufferPointer { dense in
          rowNode.withUnsafeBufferPointer { rowNode in
            childStart.withUnsafeBufferPointer { childStart in
              childClass.withUnsafeBufferPointer { childClass in
                childTarget.withUnsafeBufferPointer { childTarget in
                  failTarget.withUnsafeBufferPointer { failTarget in
                    byteClass.withUnsafeBufferPointer { classOf in
                      outputStart.withUnsafeBufferPointer { starts in
                        outputEnd.withUnsafeBufferPointer { ends in
                          outputs.withUnsafeBufferPointer { outputs in
                            fullMask.withUnsafeBufferPointer { full in
                              let stride = self.stride
                              var entry = Self.denseBit  // the root, row 0
                              for position in bytes.indices {
                                let c = classOf[Int(bytes[position])]
                                // A busy state's row, else the state's own children, else the
                                // same question to its failure state.
                                var e = entry
                                while e & Self.denseBit == 0 {
                                  let s = Int(e & Self.indexMask)
                                  var k = Int(childStart[s])
                                  let end = Int(childStart[s &+ 1])
                                  while k < end, childClass[k] < c { k &+= 1 }
                                  if k < end, childClass[k] == c { break }
                                  e = failTarget[s]
                                }
                                if e & Self.denseBit != 0 {
                                  entry = dense[Int(e & Self.indexMask) &* stride &+ Int(c)]
                                } else {
                                  // The loop stopped on a child of state `e`.
                                  let s = Int(e & Self.indexMask)
                                  var k = Int(childStart[s])
                                  while childClass[k] < c { k &+= 1 }
                                  entry = childTarget[k]
                                }
                                guard entry & Self.outputBit != 0 else { continue }
                                let index = Int(entry & Self.indexMask)
                                let state = entry & Self.denseBit != 0 ? Int(rowNode[index]) : index
                                for k in Int(starts[state])..<Int(ends[state]) {
                                  let output = Int(outputs[k])
                                  let unit = output >> 8
                                  let mask: UInt16
                                  if output & 0x80 != 0 {
                                    // A prefix of `length` bytes ends at `position`.
                                    let length = output & 0x7F
                                    places.append(Place(unit) << 32 | Place(position &+ 1 &- length))
                                    mask = seen[unit] | Self.prefixBit
                                  } else {
                                    mask = seen[unit] | UInt16(1) << UInt16(output & 7)
                                  }
                                  seen[unit] = mask
                                  if mask == full[unit] && !result[unit] {
                                    result[unit] = true
                                    units.append(unit)
                                    any = true
                                  }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return any
  }
}
