/// The normalised UTF-8 and the offset map under construction, shared by ``MainPass`` and
/// ``NumeralPass``. Manually managed: the owner calls ``deallocate()`` exactly once.
struct PassOutput {
  /// High bit of a start: the source span's end is in the exception list.
  static let explicitEnd: UInt32 = 0x8000_0000
  static let startMask: UInt32 = 0x7FFF_FFFF

  var bytes: RawArray<UInt8>
  /// For each output scalar, the original offset of its first source scalar.
  var starts: RawArray<UInt32>
  /// (output scalar index, original end) for starts flagged ``explicitEnd``; sorted.
  var exceptions: [(index: UInt32, end: UInt32)] = []
  /// Output positions (scalar index, byte offset) where a run of digits or Chinese numeral
  /// characters begins: where step 6 looks.
  var candidates: [(scalar: Int, byte: Int)] = []
  var changed = false
  /// The number of scalars of the original text.
  var originalScalars = 0

  init(byteCapacity: Int, scalarCapacity: Int) {
    bytes = RawArray(capacity: byteCapacity)
    starts = RawArray(capacity: scalarCapacity)
  }

  func deallocate() {
    bytes.deallocate()
    starts.deallocate()
  }

  /// Empties the output for the next text, keeping its storage, and makes room for at least
  /// the given numbers of bytes and scalars.
  ///
  /// Storage larger than both what is needed and ``NormalizationBuffers/keptCapacity`` is
  /// replaced by storage of the size needed.
  mutating func reuse(byteCapacity: Int, scalarCapacity: Int) {
    bytes.count = 0
    starts.count = 0
    let kept = NormalizationBuffers.keptCapacity
    if bytes.capacity > max(byteCapacity, kept) {
      bytes.deallocate()
      bytes = RawArray(capacity: byteCapacity)
    }
    if starts.capacity > max(scalarCapacity, kept) {
      starts.deallocate()
      starts = RawArray(capacity: scalarCapacity)
    }
    bytes.reserve(byteCapacity)
    starts.reserve(scalarCapacity)
    if !exceptions.isEmpty { exceptions.removeAll(keepingCapacity: true) }
    if !candidates.isEmpty { candidates.removeAll(keepingCapacity: true) }
    changed = false
    originalScalars = 0
  }

  /// Frees the starts (leaving an empty list) when their storage holds more than `limit`.
  mutating func releaseStarts(over limit: Int) {
    guard starts.capacity > limit else { return }
    starts.deallocate()
    starts = RawArray(capacity: 0)
  }

  /// The exclusive original end of output scalar `index`.
  func end(of index: Int) -> UInt32 {
    let start = starts.base[index]
    guard start & Self.explicitEnd != 0 else { return start &+ 1 }
    let key = UInt32(truncatingIfNeeded: index)
    var low = 0
    var high = exceptions.count
    while low < high {
      let mid = (low + high) / 2
      if exceptions[mid].index < key { low = mid + 1 } else { high = mid }
    }
    if low < exceptions.count && exceptions[low].index == key { return exceptions[low].end }
    return (start & Self.startMask) &+ 1
  }
}
