/// Prepares text for matching. (Identity for now: the full normaliser is issue 3/8.)
public struct Normalizer: Sendable {
  /// Creates a normaliser.
  public init() throws {}

  /// Normalises `text`.
  public func normalize(_ text: String) -> NormalizedText {
    NormalizedText(original: text, text: text)
  }
}

/// A normalised text and the map back to the original.
public struct NormalizedText: Sendable {
  /// The text as given.
  public let original: String
  /// The text rules run on.
  public let text: String

  /// Maps UTF-8 byte offsets of `text` to Unicode-scalar offsets of `original`.
  public func originalScalarRange(utf8Range: Range<Int>) -> Range<Int> {
    var scalars = 0
    var lower = 0
    var i = 0
    for b in text.utf8 {
      if i == utf8Range.lowerBound { lower = scalars }
      if i == utf8Range.upperBound { return lower..<scalars }
      if b & 0xC0 != 0x80 { scalars += 1 }
      i += 1
    }
    if utf8Range.lowerBound >= i { lower = scalars }
    return lower..<scalars
  }
}
