import FangfeiRules

/// Tells a *mention* of a slogan from a *promise*: a hit inside quotation marks, or close to a
/// warning or reporting frame in the same sentence (`mention` declarations of the pack), quotes a
/// scam rather than making its promise — "警惕'保本保息'等话术" is a warning, not a scam.
/// Applies to rules with a positive score; context rules with negative scores are not filtered.
package struct MentionFilter {
  private var quoted: [Range<Int>] = []
  private var before: [(frame: Range<Int>, within: Int)] = []
  private var after: [(frame: Range<Int>, within: Int)] = []
  private let bytes: UnsafeBufferPointer<UInt8>

  /// Finds the quotations and frames of one normalised message.
  package init(pack: CompiledPack, bytes: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) {
    self.bytes = bytes
    for (i, mention) in pack.checked.mentions.enumerated() {
      switch mention.kind {
      case .quoted:
        if quoted.isEmpty { quoted = Self.quotations(bytes) }
      case .before, .after:
        guard let pattern = pack.mentionPatterns[i],
          let matches = try? pattern.allMatches(in: bytes, scratch: scratch)
        else { continue }
        for m in matches {
          if mention.kind == .before {
            before.append((m.range, mention.within))
          } else {
            after.append((m.range, mention.within))
          }
        }
      }
    }
  }

  /// Whether the filter can ever say "mention" for this message.
  package var isEmpty: Bool { quoted.isEmpty && before.isEmpty && after.isEmpty }

  /// Whether the match at `range` (UTF-8 bytes) is a mention.
  package func isMention(_ range: Range<Int>) -> Bool {
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
  private static func quotations(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    let pairs: [(open: Unicode.Scalar, close: Unicode.Scalar)] = [
      ("\u{201C}", "\u{201D}"), ("\u{300C}", "\u{300D}"), ("\u{300E}", "\u{300F}"), ("\u{2018}", "\u{2019}"),
      ("\u{300A}", "\u{300B}"),
    ]
    var result: [Range<Int>] = []
    var open: [(scalar: Unicode.Scalar, at: Int)] = []
    var straight: Int?
    var i = 0
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    while case .scalarValue(let c) = decoder.decode(&iterator) {
      let width = UTF8.width(c)
      defer { i += width }
      if c == "\n" {
        open.removeAll()
        straight = nil
        continue
      }
      if c == "\"" {
        if let s = straight {
          result.append(s..<(i + 1))
          straight = nil
        } else {
          straight = i
        }
        continue
      }
      if pairs.contains(where: { $0.open == c }) {
        open.append((c, i))
      } else if let pair = pairs.first(where: { $0.close == c }),
        let k = open.lastIndex(where: { $0.scalar == pair.open })
      {
        result.append(open[k].at..<(i + width))
        open.removeSubrange(k...)
      }
    }
    return result
  }
}
