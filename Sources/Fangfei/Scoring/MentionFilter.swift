import FangfeiRules

/// Tells a *mention* of a slogan from a *promise*: a hit inside quotation marks, or close to a
/// warning or reporting frame in the same sentence (`mention` declarations of the pack), quotes a
/// scam rather than making its promise — "警惕'保本保息'等话术" is a warning, not a scam.
/// Applies to rules with a positive score; context rules with negative scores are not filtered.
package struct MentionFilter {
  // Each list is sorted once, so that a lookup costs O(log n) plus the few frames near the hit:
  // a message with many frames and many hits stays linear (a scan per hit was quadratic).
  /// Quotations, by start; `quotedReach[k]` is the furthest end among `quoted[0...k]`.
  private var quoted: [Range<Int>] = []
  private var quotedReach: [Int] = []
  /// `before` frames by start (with the furthest end so far), and again by end.
  private var before: [(frame: Range<Int>, within: Int)] = []
  private var beforeReach: [Int] = []
  private var beforeByEnd: [(frame: Range<Int>, within: Int)] = []
  /// `after` frames by start.
  private var after: [(frame: Range<Int>, within: Int)] = []
  /// The largest `within` of each kind, in bytes (a scalar has at most 4).
  private var beforeWindow = 0
  private var afterWindow = 0
  private let bytes: UnsafeBufferPointer<UInt8>

  /// Finds the quotations and frames of one normalised message.
  /// `mayMatch(i)` tells whether mention `i`'s pattern can match at all (the prefilter's
  /// answer; a frame it rules out is not looked for).
  package init(
    pack: CompiledPack, bytes: UnsafeBufferPointer<UInt8>, scratch: MatchScratch,
    mayMatch: (Int) -> Bool = { _ in true }
  ) {
    self.bytes = bytes
    for (i, frame) in pack.mentionFrames.enumerated() {
      switch frame.kind {
      case .quoted:
        if quoted.isEmpty { quoted = Self.quotations(bytes) }
      case .before, .after:
        guard mayMatch(i), let pattern = pack.mentionPatterns[i],
          let matches = try? pattern.allMatches(in: bytes, scratch: scratch)
        else { continue }
        for m in matches {
          if frame.kind == .before {
            before.append((m.range, frame.within))
          } else {
            after.append((m.range, frame.within))
          }
        }
      }
    }
    index()
  }

  /// Sorts the quotations and frames and computes the reaches and windows.
  private mutating func index() {
    // Most messages have no quotation and no frame: nothing to sort or allocate then.
    if !quoted.isEmpty {
      quoted.sort { $0.lowerBound < $1.lowerBound }
      quotedReach = Self.reaches(quoted.map(\.upperBound))
    }
    if !before.isEmpty {
      before.sort { $0.frame.lowerBound < $1.frame.lowerBound }
      beforeReach = Self.reaches(before.map(\.frame.upperBound))
      beforeByEnd = before.sorted { $0.frame.upperBound < $1.frame.upperBound }
      beforeWindow = 4 * (before.map(\.within).max() ?? 0)
    }
    if !after.isEmpty {
      after.sort { $0.frame.lowerBound < $1.frame.lowerBound }
      afterWindow = 4 * (after.map(\.within).max() ?? 0)
    }
  }

  /// Running maxima of `ends`.
  private static func reaches(_ ends: [Int]) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(ends.count)
    var reach = Int.min
    for end in ends {
      reach = max(reach, end)
      result.append(reach)
    }
    return result
  }

  /// The number of elements of a list sorted by `key` whose key is at most `value`.
  private static func countAtMost<T>(_ value: Int, in list: [T], key: (T) -> Int) -> Int {
    var low = 0
    var high = list.count
    while low < high {
      let mid = (low + high) / 2
      if key(list[mid]) <= value { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Whether the filter can ever say "mention" for this message.
  package var isEmpty: Bool { quoted.isEmpty && before.isEmpty && after.isEmpty }

  /// Whether the match at `range` (UTF-8 bytes) is a mention.
  package func isMention(_ range: Range<Int>) -> Bool {
    let x = range.lowerBound
    let y = range.upperBound
    // Inside a quotation: one that starts at or before the hit reaches past its end.
    let q = Self.countAtMost(x, in: quoted) { $0.lowerBound }
    if q > 0 && quotedReach[q - 1] >= y { return true }
    // A `before` frame that overlaps the hit's start.
    let b = Self.countAtMost(x, in: before) { $0.frame.lowerBound }
    if b > 0 && beforeReach[b - 1] > x { return true }
    // A `before` frame ending at most `within` scalars before the hit, with no break between.
    var k = Self.countAtMost(x - beforeWindow - 1, in: beforeByEnd) { $0.frame.upperBound }
    while k < beforeByEnd.count && beforeByEnd[k].frame.upperBound <= x {
      if scalarsWithoutBreak(beforeByEnd[k].frame.upperBound..<x, atMost: beforeByEnd[k].within) { return true }
      k += 1
    }
    // An `after` frame starting at most `within` scalars after the hit, with no break between.
    k = Self.countAtMost(y - 1, in: after) { $0.frame.lowerBound }
    while k < after.count && after[k].frame.lowerBound <= y + afterWindow {
      if scalarsWithoutBreak(y..<after[k].frame.lowerBound, atMost: after[k].within) { return true }
      k += 1
    }
    return false
  }

  /// ``isMention(_:)`` by its definition, a scan over every quotation and frame: the reference
  /// the indexed lookup is tested against.
  package func isMentionByScan(_ range: Range<Int>) -> Bool {
    for q in quoted where q.lowerBound <= range.lowerBound && range.upperBound <= q.upperBound { return true }
    for (frame, within) in before where frame.lowerBound <= range.lowerBound {
      if frame.upperBound > range.lowerBound { return true }  // the frame overlaps the hit
      if scalarsWithoutBreak(frame.upperBound..<range.lowerBound, atMost: within) { return true }
    }
    for (frame, within) in after where frame.lowerBound >= range.upperBound {
      if scalarsWithoutBreak(range.upperBound..<frame.lowerBound, atMost: within) { return true }
    }
    return false
  }

  /// Whether `gap` holds at most `limit` scalars and no sentence break (。！？!?；;\n).
  private func scalarsWithoutBreak(_ gap: Range<Int>, atMost limit: Int) -> Bool {
    var count = 0
    var i = gap.lowerBound
    while i < gap.upperBound {
      let b = bytes[i]
      if b == 0x0A || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") || b == UInt8(ascii: ";") { return false }
      if b == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x82 { return false }  // 。
      if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBC,
        bytes[i + 2] == 0x81 || bytes[i + 2] == 0x9F || bytes[i + 2] == 0x9B
      {
        return false  // ！？；
      }
      if b & 0xC0 != 0x80 {
        count += 1
        if count > limit { return false }
      }
      i += 1
    }
    return true
  }

  /// Spans inside paired quotation marks on one line: "…", “…”, 「…」, 『…』, ‘…’, 《…》.
  package static func quotations(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    // The pairs “” 「」 『』 ‘’ 《》 are all three-byte characters E2 80 xx or E3 80 xx: a byte scan
    // finds them without decoding the text (a continuation byte is never E2, E3, '"' or a
    // line break, so stepping one byte over anything else never misreads a character).
    var result: [Range<Int>] = []
    var open: [(kind: UInt8, at: Int)] = []
    var straight: Int?
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b == 0x0A {
        open.removeAll()
        straight = nil
      } else if b == 0x22 {
        if let s = straight {
          result.append(s..<(i + 1))
          straight = nil
        } else {
          straight = i
        }
      } else if b == 0xE2 || b == 0xE3, i + 2 < n, bytes[i + 1] == 0x80 {
        // kind: which pair (1…5); the low bit of the third byte tells the closing character
        // of each pair from its opening one.
        let third = bytes[i + 2]
        let kind: UInt8 =
          switch (b, third) {
          case (0xE2, 0x9C), (0xE2, 0x9D): 1  // “ ”
          case (0xE3, 0x8C), (0xE3, 0x8D): 2  // 「 」
          case (0xE3, 0x8E), (0xE3, 0x8F): 3  // 『 』
          case (0xE2, 0x98), (0xE2, 0x99): 4  // ‘ ’
          case (0xE3, 0x8A), (0xE3, 0x8B): 5  // 《 》
          default: 0
          }
        if kind != 0 {
          if third & 1 == 0 {
            open.append((kind, i))
          } else if let k = open.lastIndex(where: { $0.kind == kind }) {
            result.append(open[k].at..<(i + 3))
            open.removeSubrange(k...)
          }
        }
        i += 3
        continue
      }
      i += 1
    }
    return result
  }
}
