import FangfeiText
import Testing

/// Normalisers shared by the tests (building one loads OpenCC; the table is cached).
enum Fixtures {
  static let all: Result<Normalizer, NormalizerError> = Result { () throws(NormalizerError) in
    try Normalizer()
  }

  static func normalizer(_ options: NormalizerOptions = .init()) throws -> Normalizer {
    if options == NormalizerOptions() { return try all.get() }
    return try Normalizer(options: options)
  }

  /// Options with only the steps given switched on.
  static func only(
    compatibility: Bool = false, caseFolding: Bool = false, format: Bool = false,
    simplified: Bool = false, separators: Bool = false, numerals: Bool = false
  ) -> NormalizerOptions {
    NormalizerOptions(
      compatibilityNormalization: compatibility, caseFolding: caseFolding,
      formatCharacterRemoval: format, traditionalToSimplified: simplified,
      separatorRemoval: separators, numeralConversion: numerals)
  }
}

/// Scalar-by-scalar equality (`==` on strings compares canonical equivalence, which would
/// hide a missing composition).
func sameScalars(_ a: String, _ b: String) -> Bool {
  a.unicodeScalars.elementsEqual(b.unicodeScalars)
}

/// The UTF-8 byte range of the first occurrence of `needle` in `haystack`.
func utf8Range(of needle: String, in haystack: String) -> Range<Int>? {
  let text = Array(haystack.utf8)
  let pattern = Array(needle.utf8)
  guard !pattern.isEmpty, pattern.count <= text.count else { return nil }
  for start in 0...(text.count - pattern.count)
  where text[start..<(start + pattern.count)].elementsEqual(pattern) {
    return start..<(start + pattern.count)
  }
  return nil
}

/// The original scalars `range` of `text`, as a string.
func scalars(_ text: String, _ range: Range<Int>) -> String {
  var view = String.UnicodeScalarView()
  view.append(contentsOf: Array(text.unicodeScalars)[range])
  return String(view)
}

/// Normalises `input`, expects `expected`, finds `match` in the result and expects it to map
/// back to the original scalars `span`, which quote as `quote`.
func expectNormalized(
  _ normalizer: Normalizer, _ input: String, _ expected: String, match: String,
  span: Range<Int>? = nil, quote: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let result = normalizer.normalize(input)
  #expect(sameScalars(result.text, expected), sourceLocation: sourceLocation)
  guard let range = utf8Range(of: match, in: result.text) else {
    Issue.record("'\(match)' not found in '\(result.text)'", sourceLocation: sourceLocation)
    return
  }
  let mapped = result.originalScalarRange(utf8Range: range)
  if let span { #expect(mapped == span, sourceLocation: sourceLocation) }
  #expect(mapped.upperBound <= result.originalScalarCount, sourceLocation: sourceLocation)
  #expect(sameScalars(scalars(input, mapped), quote), sourceLocation: sourceLocation)
  #expect(
    sameScalars(String(result.originalText(utf8Range: range)), quote),
    sourceLocation: sourceLocation)
}
