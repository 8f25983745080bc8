import Foundation

/// Normalises Chinese and English text for rule matching and keeps an offset map back to
/// the original text.
///
/// Create one normaliser and share it: it is immutable and safe to use from any number of
/// threads and tasks at once. The first one in a process derives its Unicode tables and asks
/// OpenCC for its character table (about 0.1-0.2 s; both are then cached for the process);
/// each further normaliser takes about 20 ms.
///
/// ```swift
/// let normalizer = try Normalizer()
/// let normalized = normalizer.normalize("穩💰賺-不-賠，年化百分之三十")
/// normalized.text  // "稳赚不赔,年化30%"
/// ```
public final class Normalizer: Sendable {
  /// The options this normaliser was created with.
  public let options: NormalizerOptions

  private let mapping: ScalarMapping

  /// Creates a normaliser, loading OpenCC's table when traditional → simplified conversion
  /// is on.
  ///
  /// - Throws: ``NormalizerError`` when OpenCC cannot load or run the configuration.
  public init(options: NormalizerOptions = .init()) throws(NormalizerError) {
    self.options = options
    let data = UnicodeData.shared
    let simplified =
      options.traditionalToSimplified
      ? try TraditionalChineseTable.pairs(configuration: options.openCCConfiguration) : []
    mapping = ScalarMapping(options: options, data: data, simplified: simplified)
  }

  /// Normalises `text`. Linear in the length of the text; never fails (text of 2³¹ UTF-8
  /// bytes or more is returned unchanged, as offsets are stored in 31 bits).
  public func normalize(_ text: String) -> NormalizedText {
    var original = text
    return original.withUTF8 { source in
      guard source.count < Int(PassOutput.startMask) else {
        let scalars = OffsetMap.countScalars(source)
        return NormalizedText(
          original: text, text: text, map: OffsetMap(identity: source, scalarCount: scalars))
      }
      var output = MainPass(
        mapping: mapping, removesSeparators: options.separatorRemoval,
        findsNumerals: options.numeralConversion
      ).run(source)
      if options.numeralConversion {
        NumeralPass().run(&output)
      }
      guard output.changed else {
        output.deallocate()
        return NormalizedText(
          original: text, text: text,
          map: OffsetMap(identity: source, scalarCount: output.originalScalars))
      }
      defer { output.bytes.deallocate() }
      let bytes = output.bytes.buffer
      return NormalizedText(
        original: text,
        text: Self.string(fromValidUTF8: bytes),
        map: OffsetMap(
          bytes: bytes, starts: StartTable(takingOwnershipOf: output.starts),
          exceptions: output.exceptions, originalScalarCount: output.originalScalars))
    }
  }

  /// A string from bytes the passes produced (valid UTF-8 by construction: whole scalars
  /// are copied or encoded, and cuts fall on scalar boundaries), without validating again.
  static func string(fromValidUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String {
    if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
      assert(String(validating: bytes, as: UTF8.self) != nil, "normaliser produced invalid UTF-8")
      return String(copying: UTF8Span(unchecked: bytes.span))
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
