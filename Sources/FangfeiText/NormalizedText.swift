/// The result of ``Normalizer/normalize(_:)``: the text rules run on, and a map from any
/// range of it back to the original text.
///
/// Offsets into the original are Unicode-scalar (code point) offsets, end exclusive — the
/// convention of Python's `str` slicing — so a hit can be reported as `start`/`end` and
/// quoted as `original[start:end]`. The map is monotonic: a later normalised position never
/// maps before an earlier one.
public struct NormalizedText: Sendable {
  /// The text as given.
  public let original: String
  /// The normalised text the rules are matched against.
  public let text: String
  let map: OffsetMap

  init(original: String, text: String, map: OffsetMap) {
    self.original = original
    self.text = text
    self.map = map
  }

  /// Whether normalisation changed nothing (``text`` equals ``original`` and every offset
  /// maps to itself).
  public var isIdentity: Bool { map.starts == nil }

  /// The number of UTF-8 bytes of ``text`` (the subject length to give PCRE2).
  public var utf8Count: Int { text.utf8.count }

  /// The number of Unicode scalars of ``text``.
  public var scalarCount: Int { map.scalarCount }

  /// The number of Unicode scalars of ``original``.
  public var originalScalarCount: Int { map.originalScalarCount }

  /// Calls `body` with the UTF-8 bytes of ``text`` (no copy for native strings).
  public func withUTF8<Result>(
    _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) rethrows -> Result {
    var copy = text
    return try copy.withUTF8(body)
  }

  /// A copy of the UTF-8 bytes of ``text``.
  public var utf8Bytes: ContiguousArray<UInt8> { ContiguousArray(text.utf8) }

  /// Maps a range of UTF-8 byte offsets in ``text`` (as PCRE2 reports them) to a range of
  /// Unicode-scalar offsets in ``original``, covering every original scalar that produced
  /// any normalised scalar in the range, and the noise removed between them.
  ///
  /// The range is clamped to the text. Offsets inside a multi-byte scalar count as that
  /// scalar. An empty range maps to an empty range at the original position of the scalar
  /// at its offset (or at the end of the original).
  public func originalScalarRange(utf8Range: Range<Int>) -> Range<Int> {
    withUTF8 { bytes in
      let count = bytes.count
      let lower = min(max(utf8Range.lowerBound, 0), count)
      let upper = min(max(utf8Range.upperBound, lower), count)
      guard lower < upper else {
        guard lower < count else { return map.originalScalarCount..<map.originalScalarCount }
        let start = map.start(of: map.scalarIndex(containing: lower, in: bytes))
        return start..<start
      }
      let first = map.scalarIndex(containing: lower, in: bytes)
      let last = map.scalarIndex(containing: upper - 1, in: bytes)
      return map.start(of: first)..<map.end(of: last)
    }
  }

  /// Maps a range of Unicode-scalar offsets in ``text`` to a range of Unicode-scalar offsets
  /// in ``original`` (same rules as ``originalScalarRange(utf8Range:)``).
  public func originalScalarRange(scalarRange: Range<Int>) -> Range<Int> {
    let count = map.scalarCount
    let lower = min(max(scalarRange.lowerBound, 0), count)
    let upper = min(max(scalarRange.upperBound, lower), count)
    guard lower < upper else {
      guard lower < count else { return map.originalScalarCount..<map.originalScalarCount }
      let start = map.start(of: lower)
      return start..<start
    }
    return map.start(of: lower)..<map.end(of: upper - 1)
  }

  /// The original text behind a range of UTF-8 byte offsets in ``text`` — the quote for a
  /// rule hit. Linear in the length of ``original``.
  public func originalText(utf8Range: Range<Int>) -> Substring {
    let range = originalScalarRange(utf8Range: utf8Range)
    let scalars = original.unicodeScalars
    let start = scalars.index(scalars.startIndex, offsetBy: range.lowerBound)
    let end = scalars.index(start, offsetBy: range.count)
    return Substring(scalars[start..<end])
  }
}
