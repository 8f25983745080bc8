/// A two-level lookup table over all Unicode scalar values (0...0x10FFFF).
///
/// Pages of 256 entries are allocated only when one of their entries is set; every other
/// page shares the all-zero page at the start of `storage`, so a lookup is two loads.
struct PagedTable<Element: FixedWidthInteger & Sendable>: Sendable {
  static var pageCount: Int { 0x1100 }

  /// For each page, the offset of its 256 entries in `storage` (0 = the shared zero page).
  private(set) var pageOffsets: ContiguousArray<UInt32>
  private(set) var storage: ContiguousArray<Element>

  init() {
    pageOffsets = ContiguousArray(repeating: 0, count: Self.pageCount)
    storage = ContiguousArray(repeating: 0, count: 256)
  }

  subscript(scalar: UInt32) -> Element {
    let page = Int(truncatingIfNeeded: scalar >> 8)
    guard page < Self.pageCount else { return 0 }
    return storage[Int(pageOffsets[page]) + Int(truncatingIfNeeded: scalar & 0xFF)]
  }

  mutating func set(_ scalar: UInt32, _ value: Element) {
    let page = Int(truncatingIfNeeded: scalar >> 8)
    guard page < Self.pageCount else { return }
    if pageOffsets[page] == 0 {
      if value == 0 { return }
      pageOffsets[page] = UInt32(truncatingIfNeeded: storage.count)
      storage.append(contentsOf: repeatElement(0, count: 256))
    }
    storage[Int(pageOffsets[page]) + Int(truncatingIfNeeded: scalar & 0xFF)] = value
  }

  /// ORs `bits` into the entry of `scalar`.
  mutating func insert(_ bits: Element, for scalar: UInt32) {
    set(scalar, self[scalar] | bits)
  }

  /// Calls `body` with a reader over the table's storage (unsafe buffer pointers: no
  /// bounds checks in optimised builds).
  func withReader<R>(_ body: (Reader) throws -> R) rethrows -> R {
    try pageOffsets.withUnsafeBufferPointer { offsets in
      try storage.withUnsafeBufferPointer { entries in
        try body(Reader(offsets: offsets, entries: entries))
      }
    }
  }

  /// An unchecked view of the table, valid only inside ``withReader(_:)``.
  struct Reader {
    let offsets: UnsafeBufferPointer<UInt32>
    let entries: UnsafeBufferPointer<Element>

    /// The entry of `scalar`, which must be at most 0x10FFFF.
    @inline(__always)
    func callAsFunction(_ scalar: UInt32) -> Element {
      let page = Int(truncatingIfNeeded: scalar >> 8)
      let offset = Int(truncatingIfNeeded: offsets[page])
      return entries[offset &+ Int(truncatingIfNeeded: scalar & 0xFF)]
    }
  }
}
