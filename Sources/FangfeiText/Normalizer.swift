package import FangfeiTextTables
import Foundation

/// Normalises Chinese and English text for rule matching and keeps an offset map back to
/// the original text.
///
/// A normaliser is immutable and safe to use from any number of threads and tasks at once.
/// Creating one is cheap: the tables for the default options were computed at build time and
/// are embedded in the library; the first normaliser of a process decodes them (about a
/// millisecond) and later ones share them. Other combinations of steps 1-4 are composed on
/// first use (10-30 ms) and then cached; only an OpenCC configuration other than
/// `t2s.json` makes OpenCC build its character table at run time (about 0.1 s, once per
/// configuration and process).
///
/// ```swift
/// let normalizer = try Normalizer()
/// let normalized = normalizer.normalize("穩🔥賺-不-賠，年化百分之三十")
/// normalized.text  // "稳赚不赔,年化30%"
/// ```
public final class Normalizer: Sendable {
  /// The options this normaliser was created with.
  public let options: NormalizerOptions

  private let mapping: ScalarMapping

  /// Creates a normaliser. With the default `t2s.json` configuration OpenCC is not needed at
  /// run time (its table is embedded); another configuration is loaded with OpenCC when
  /// traditional → simplified conversion is on.
  ///
  /// - Throws: ``NormalizerError`` when OpenCC cannot load or run a configuration other than
  ///   `t2s.json`.
  public init(options: NormalizerOptions = .init()) throws(NormalizerError) {
    self.options = options
    mapping = try NormalizerTables.mapping(for: options)
  }

  /// A normaliser with a given mapping of steps 1-4, which must have been composed for the
  /// steps of `options` (for tests that compare tables).
  package init(options: NormalizerOptions, mapping: ScalarMapping) {
    self.options = options
    self.mapping = mapping
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
      // The compact table first, so that the 4-byte starts are gone before the text is copied.
      let starts = StartTable(output.starts.buffer, mask: PassOutput.startMask)
      output.starts.deallocate()
      let map = OffsetMap(
        bytes: bytes, starts: starts, exceptions: output.exceptions, originalScalarCount: output.originalScalars)
      return NormalizedText(original: text, text: Self.string(fromValidUTF8: bytes), map: map)
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
