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
    let buffers = NormalizationBuffers()
    _ = normalizeUTF8(text, into: buffers)
    return normalizedText(text, buffers: buffers)
  }

  /// Normalises `text` into `buffers` and returns the normalised UTF-8, the bytes of
  /// `normalize(text).text`, without building its offset map or string;
  /// ``normalizedText(_:buffers:)`` builds them afterwards, when needed.
  ///
  /// The bytes are in `buffers`: they stay valid until `buffers` is used again or freed.
  package func normalizeUTF8(_ text: String, into buffers: NormalizationBuffers) -> UnsafeBufferPointer<UInt8> {
    var original = text
    original.withUTF8 { source in
      guard source.count < Int(PassOutput.startMask) else {
        // Returned unchanged (offsets are stored in 31 bits).
        buffers.output.reuse(byteCapacity: source.count, scalarCapacity: 0)
        if let base = source.baseAddress {
          buffers.output.bytes.base.initialize(from: base, count: source.count)
        }
        buffers.output.bytes.count = source.count
        buffers.identityScalars = OffsetMap.countScalars(source)
        return
      }
      // The passes write every scalar they keep, so the output holds the text's own bytes
      // when nothing changed.
      MainPass(
        mapping: mapping, removesSeparators: options.separatorRemoval,
        findsNumerals: options.numeralConversion
      ).run(source, into: &buffers.output)
      if options.numeralConversion {
        NumeralPass().run(&buffers.output)
      }
      buffers.identityScalars = buffers.output.changed ? nil : buffers.output.originalScalars
      assert(buffers.output.changed || buffers.output.bytes.buffer.elementsEqual(source))
    }
    return buffers.output.bytes.buffer
  }

  /// The normalised text of `text`, which must be the text last given to
  /// ``normalizeUTF8(_:into:)`` with `buffers` (once: a long text's starts are freed).
  package func normalizedText(_ text: String, buffers: NormalizationBuffers) -> NormalizedText {
    var original = text
    return original.withUTF8 { source in
      if let scalars = buffers.identityScalars {
        return NormalizedText(
          original: text, text: text, map: OffsetMap(identity: source, scalarCount: scalars))
      }
      let bytes = buffers.output.bytes.buffer
      let starts = StartTable(buffers.output.starts.buffer, mask: PassOutput.startMask)
      // The 4-byte starts of a long text are freed before its string is copied.
      buffers.output.releaseStarts(over: NormalizationBuffers.keptCapacity)
      let map = OffsetMap(
        bytes: bytes, starts: starts, exceptions: buffers.output.exceptions,
        originalScalarCount: buffers.output.originalScalars)
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
