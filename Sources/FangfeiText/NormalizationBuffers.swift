/// Storage that one thread reuses to normalise message after message: the passes write into
/// it, and the offset map and the normalised string are built from it only when asked for.
///
/// With ``Normalizer/normalizeUTF8(_:into:)`` a caller that only needs the
/// normalised bytes of most messages (a classifier that finds nothing in them) allocates
/// nothing per message; ``Normalizer/normalizedText(_:buffers:)`` then builds the
/// ``NormalizedText`` of the messages that need one.
///
/// Not `Sendable`: use one per thread or task, one text at a time. Its stored properties are
/// `@exclusivity(unchecked)`: used that way, no access to one of them overlaps another, and
/// the run-time checks cost about 2% of classifying short messages.
package final class NormalizationBuffers {
  /// Storage of up to this many bytes (or scalars) is kept from one text to the next; larger
  /// storage, left by a long text, is freed when a shorter one comes.
  static let keptCapacity = 1 << 20

  /// The passes' output for the last text: its bytes always, its map only when
  /// ``identityScalars`` is nil.
  @exclusivity(unchecked) var output = PassOutput(byteCapacity: 256, scalarCapacity: 256)
  /// The number of scalars of the last text when normalisation left it unchanged; nil when
  /// ``output`` holds its normalised form.
  @exclusivity(unchecked) var identityScalars: Int? = 0

  package init() {}

  deinit { output.deallocate() }
}
