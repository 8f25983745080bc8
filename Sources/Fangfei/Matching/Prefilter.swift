/// One pass over the normalised text that tells which rules can possibly match: an
/// Aho-Corasick automaton over every rule's required literals (see ``RequiredLiterals``),
/// compiled to a byte-class DFA. Rules without a usable literal always run. Results are the
/// same with and without it; it only skips patterns that cannot match.
package struct Prefilter: Sendable {
  /// Rules that run on every message.
  package let alwaysRun: [Int]
  /// How many rules the automaton decides for.
  package let filteredRuleCount: Int
  /// Number of distinct literals and automaton states (for reports).
  package let literalCount: Int
  package let stateCount: Int

  private let ruleCount: Int
  private let byteClass: [UInt8]
  private let stride: Int
  private let table: [UInt32]
  private let outputStart: [Int32]
  private let outputs: [Int32]

  /// The part of a literal the automaton looks for: its first `keyBytes` bytes, cut at a
  /// character boundary. Any text containing the literal contains its key, so the filter stays
  /// a superset; short keys keep the automaton small enough for the cache.
  static let keyBytes = 6

  static func key(_ literal: String) -> String {
    var out = String.UnicodeScalarView()
    var bytes = 0
    for c in literal.unicodeScalars {
      let w = UTF8.width(c)
      if bytes + w > keyBytes, bytes >= 2 { break }
      out.append(c)
      bytes += w
    }
    return String(out)
  }

  /// Builds the automaton. `requirements[r]` are rule `r`'s literals (one of which every match
  /// contains), nil for a rule that must always run; `isPatternRule[r]` is false for meta rules,
  /// which never run patterns.
  package init(requirements: [[String]?], isPatternRule: [Bool]) {
    ruleCount = requirements.count
    var always: [Int] = []
    var literalRules: [String: [Int32]] = [:]
    for (r, req) in requirements.enumerated() where isPatternRule[r] {
      guard let req else {
        always.append(r)
        continue
      }
      for lit in req { literalRules[Self.key(lit), default: []].append(Int32(r)) }
    }
    alwaysRun = always
    filteredRuleCount = requirements.indices.filter { isPatternRule[$0] }.count - always.count
    literalCount = literalRules.count

    // Byte classes: each byte used in a literal gets its own class; all others share class 0.
    var classOf = [UInt8](repeating: 0, count: 256)
    var classes = 1
    for lit in literalRules.keys.sorted() {
      for b in lit.utf8 where classOf[Int(b)] == 0 {
        classOf[Int(b)] = UInt8(truncatingIfNeeded: classes)
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
    stride = classes

    // The trie.
    var children: [[UInt8: Int]] = [[:]]
    var nodeOutputs: [[Int32]] = [[]]
    for (lit, rules) in literalRules.sorted(by: { $0.key < $1.key }) {
      var node = 0
      for b in lit.utf8 {
        let c = classOf[Int(b)]
        if let next = children[node][c] {
          node = next
        } else {
          children.append([:])
          nodeOutputs.append([])
          children[node][c] = children.count - 1
          node = children.count - 1
        }
      }
      nodeOutputs[node].append(contentsOf: rules)
    }
    let n = children.count
    stateCount = n

    // Breadth-first: failure links, merged outputs, full transitions.
    var fail = [Int](repeating: 0, count: n)
    var delta = [UInt32](repeating: 0, count: n * classes)
    var queue: [Int] = []
    for c in 0..<classes {
      if let next = children[0][UInt8(truncatingIfNeeded: c)] {
        delta[c] = UInt32(next)
        queue.append(next)
      }
    }
    var head = 0
    delta.withUnsafeMutableBufferPointer { delta in
      while head < queue.count {
        let node = queue[head]
        head += 1
        nodeOutputs[node].append(contentsOf: nodeOutputs[fail[node]])
        // A node's row is its failure node's row (already complete: it is shallower), with the
        // node's own children written over it.
        let row = node * classes
        let failRow = fail[node] * classes
        for c in 0..<classes { delta[row + c] = delta[failRow + c] }
        for (c, next) in children[node] {
          fail[next] = Int(delta[failRow + Int(c)])
          delta[row + Int(c)] = UInt32(next)
          queue.append(next)
        }
      }
    }
    // Mark the transitions into states with outputs in the top bit, so that the scan loop reads
    // one table entry a byte and looks at outputs only when there are some.
    let hasOutput = nodeOutputs.map { !$0.isEmpty }
    for i in delta.indices where hasOutput[Int(delta[i])] { delta[i] |= 0x8000_0000 }
    table = delta
    var starts = [Int32](repeating: 0, count: n + 1)
    var flat: [Int32] = []
    for node in 0..<n {
      starts[node] = Int32(flat.count)
      flat.append(contentsOf: Set(nodeOutputs[node]).sorted())
    }
    starts[n] = Int32(flat.count)
    outputStart = starts
    outputs = flat
  }

  /// Builds the prefilter of a compiled pack from the literals the checker found.
  package init(pack: CompiledPack) {
    let rules = pack.checked.rules
    self.init(requirements: rules.map(\.literals), isPatternRule: rules.map { !$0.isMeta })
  }

  /// The rules that may match `bytes`: `result[r]` is true when rule `r`'s patterns must run.
  package func candidates(_ bytes: UnsafeBufferPointer<UInt8>) -> [Bool] {
    var result: [Bool] = []
    _ = mark(bytes, into: &result)
    return result
  }

  /// Fills `result` (resized to the number of rules) with the rules that may match `bytes`;
  /// returns whether there is any. Reuses `result`'s storage.
  package func mark(_ bytes: UnsafeBufferPointer<UInt8>, into result: inout [Bool]) -> Bool {
    if result.count != ruleCount {
      result = [Bool](repeating: false, count: ruleCount)
    } else {
      for i in result.indices { result[i] = false }
    }
    for r in alwaysRun { result[r] = true }
    var any = !alwaysRun.isEmpty
    guard stateCount > 1 else { return any }
    result.withUnsafeMutableBufferPointer { result in
      table.withUnsafeBufferPointer { table in
        byteClass.withUnsafeBufferPointer { classOf in
          outputStart.withUnsafeBufferPointer { starts in
            outputs.withUnsafeBufferPointer { outputs in
              var state = 0
              let stride = self.stride
              for b in bytes {
                let entry = table[state &* stride &+ Int(classOf[Int(b)])]
                state = Int(entry & 0x7FFF_FFFF)
                if entry & 0x8000_0000 != 0 {
                  any = true
                  for k in Int(starts[state])..<Int(starts[state &+ 1]) { result[Int(outputs[k])] = true }
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
