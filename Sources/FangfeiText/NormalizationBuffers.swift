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

  /// Scratch of ``mapToOriginal(_:)``: queried byte offsets (high half) with their slots.
  @exclusivity(unchecked) var queries: [UInt64] = []
  /// Scratch of ``mapToOriginal(_:)``: the scalar index of each slot.
  @exclusivity(unchecked) var scalarIndices: [Int] = []

  package init() {}

  deinit { output.deallocate() }
}

extension NormalizationBuffers {
  /// Replaces each of `ranges` (byte ranges of the last text's normalised UTF-8) by the range of
  /// original Unicode-scalar offsets that ``NormalizedText/originalScalarRange(utf8Range:)``
  /// gives, worked out from the buffers without building the offset map: one walk over the
  /// bytes, up to the end of the last range. For a few ranges (the evidence of a verdict).
  ///
  /// Valid until the buffers are used again, and not after
  /// ``Normalizer/normalizedText(_:buffers:)`` (which may free the starts of a long text).
  package func mapToOriginal(_ ranges: inout [Range<Int>]) {
    let bytes = output.bytes.buffer
    let count = bytes.count
    let originalCount = identityScalars ?? output.originalScalars
    // Clamped as the offset map does; then the bytes whose scalar index is needed, by offset:
    // query `2 * i` is range `i`'s first byte, `2 * i + 1` its last.
    if !queries.isEmpty { queries.removeAll(keepingCapacity: true) }
    for i in ranges.indices {
      let lower = min(max(ranges[i].lowerBound, 0), count)
      let upper = min(max(ranges[i].upperBound, lower), count)
      ranges[i] = lower..<upper
      guard lower < count else { continue }
      queries.append(UInt64(lower) << 32 | UInt64(2 * i))
      if lower < upper { queries.append(UInt64(upper - 1) << 32 | UInt64(2 * i + 1)) }
    }
    if queries.count > 1 { queries.sort() }
    if scalarIndices.count < 2 * ranges.count {
      scalarIndices = [Int](repeating: 0, count: 2 * ranges.count)
    }
    // The index of the scalar containing each queried byte: lead bytes counted up to it.
    var index = -1
    var position = 0
    for query in queries {
      let offset = Int(query >> 32)
      while position <= offset {
        if bytes[position] & 0xC0 != 0x80 { index += 1 }
        position += 1
      }
      scalarIndices[Int(query & 0xFFFF_FFFF)] = index
    }
    for i in ranges.indices {
      let range = ranges[i]
      guard range.lowerBound < range.upperBound else {
        guard range.lowerBound < count else {
          ranges[i] = originalCount..<originalCount
          continue
        }
        let start = start(of: scalarIndices[2 * i])
        ranges[i] = start..<start
        continue
      }
      ranges[i] = start(of: scalarIndices[2 * i])..<end(of: scalarIndices[2 * i + 1])
    }
  }

  /// The original offset of the first scalar behind normalised scalar `index` of the last text.
  private func start(of index: Int) -> Int {
    guard identityScalars == nil else { return index }
    return Int(output.starts.base[index] & PassOutput.startMask)
  }

  /// The exclusive original end of the scalars behind normalised scalar `index` of the last
  /// text.
  private func end(of index: Int) -> Int {
    guard identityScalars == nil else { return index + 1 }
    return Int(output.end(of: index))
  }
}
