/// One match: UTF-8 byte ranges into the subject for the whole match and every capture group.
package struct MatchRange: Sendable, Equatable, Hashable {
  /// Byte ranges indexed by group number: `groups[0]` is the whole match, `groups[n]` is capture
  /// group `n`, `nil` when that group did not take part in the match. Always
  /// `CompiledPattern.captureCount + 1` elements.
  package let groups: [Range<Int>?]

  /// Creates a match from its whole-match range and its capture groups (1...n).
  package init(range: Range<Int>, captures: [Range<Int>?]) {
    var groups: [Range<Int>?] = []
    groups.reserveCapacity(captures.count + 1)
    groups.append(range)
    groups.append(contentsOf: captures)
    self.groups = groups
  }

  /// Creates a match from all groups, the whole match first; used by the matcher to build the
  /// array once.
  init(groups: [Range<Int>?]) {
    self.groups = groups.isEmpty ? [0..<0] : groups
  }

  /// The byte range of the whole match (`groups[0]`).
  package var range: Range<Int> {
    // groups[0] is always set by the initialiser; the fallback is unreachable.
    groups.first.flatMap { $0 } ?? 0..<0
  }

  /// Whether the whole match is empty.
  package var isEmpty: Bool { range.isEmpty }

  /// The byte range of group `number`, or `nil` if it is unset or out of range.
  package subscript(group number: Int) -> Range<Int>? {
    groups.indices.contains(number) ? groups[number] : nil
  }
}
