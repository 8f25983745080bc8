/// The starts array of an ``OffsetMap``: memory taken over from ``MainPass``'s output
/// without a copy, freed with the last reference. Immutable once created.
final class StartTable: @unchecked Sendable {
  let base: UnsafePointer<UInt32>
  let count: Int
  private let allocation: UnsafeMutablePointer<UInt32>

  /// Takes ownership of `array`'s memory (the caller must not deallocate it).
  init(takingOwnershipOf array: RawArray<UInt32>) {
    allocation = array.base
    base = UnsafePointer(array.base)
    count = array.count
  }

  deinit { allocation.deallocate() }
}
