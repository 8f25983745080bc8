/// The starts array of an ``OffsetMap`` (for each normalised scalar, the original offset of its
/// first source scalar), stored compactly: one 32-bit base per block of 64 scalars and one byte
/// per scalar for its distance from that base. The rare distance of 255 or more (a long run of
/// removed separators inside one block) is kept in a sorted side list.
///
/// About 1.06 bytes per normalised scalar instead of 4, so a huge message does not pay four
/// bytes of map for every byte of ASCII it holds. Immutable once created.
struct StartTable: Sendable {
  static let blockShift = 6
  /// A delta that means "look in the side list".
  static let far: UInt8 = 255

  /// The start of scalar `k << blockShift` for every block `k`.
  private let bases: ContiguousArray<UInt32>
  /// `start - bases[block]` for every scalar, or ``far``.
  private let deltas: ContiguousArray<UInt8>
  /// Scalars whose delta is ``far`` (ascending) and their starts.
  private let farIndices: ContiguousArray<UInt32>
  private let farStarts: ContiguousArray<UInt32>

  /// The number of scalars.
  var count: Int { deltas.count }

  /// Encodes `starts` (without the ``PassOutput/explicitEnd`` flags, which `mask` removes).
  init(_ starts: UnsafeBufferPointer<UInt32>, mask: UInt32) {
    var bases = ContiguousArray<UInt32>()
    bases.reserveCapacity((starts.count >> Self.blockShift) + 1)
    var deltas = ContiguousArray<UInt8>()
    deltas.reserveCapacity(starts.count)
    var farIndices = ContiguousArray<UInt32>()
    var farStarts = ContiguousArray<UInt32>()
    var base: UInt32 = 0
    for (i, raw) in starts.enumerated() {
      let start = raw & mask
      if i & ((1 << Self.blockShift) - 1) == 0 {
        base = start
        bases.append(base)
      }
      if start >= base, start - base < UInt32(Self.far) {
        deltas.append(UInt8(truncatingIfNeeded: start - base))
      } else {
        deltas.append(Self.far)
        farIndices.append(UInt32(truncatingIfNeeded: i))
        farStarts.append(start)
      }
    }
    self.bases = bases
    self.deltas = deltas
    self.farIndices = farIndices
    self.farStarts = farStarts
  }

  /// The original offset of the first source scalar of normalised scalar `index`
  /// (0 ≤ index < ``count``).
  subscript(index: Int) -> Int {
    let delta = deltas[index]
    if delta != Self.far { return Int(bases[index >> Self.blockShift]) + Int(delta) }
    let low = farIndices.lowerBound(of: UInt32(truncatingIfNeeded: index))
    // Every far delta is in the list; the block's base is a safe answer otherwise.
    return low < farStarts.count ? Int(farStarts[low]) : Int(bases[index >> Self.blockShift])
  }
}

extension ContiguousArray where Element == UInt32 {
  /// The first index whose element is not less than `key` (the array is sorted ascending).
  func lowerBound(of key: UInt32) -> Int {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if self[mid] < key { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
