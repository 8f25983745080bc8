/// A two-level lookup table over all Unicode scalar values (0...0x10FFFF).
///
/// Pages of 256 entries are allocated only when one of their entries is set; every other
/// page shares the all-zero page at the start of `storage`, so a lookup is two loads. A table
/// read from a ``TableArchive`` also lets pages with equal contents share their storage (the
/// four-byte pages of the ideograph planes are all alike); ``set(_:_:)`` gives such a table
/// private pages again before it writes.
///
/// The type is `public` (its members are `package`) only so that the compiler serialises the
/// bodies of its `@inlinable` members for FangfeiText's inner loop: Swift 6.3 does not inline
/// `@inlinable` members of a `package` type into another module. The target is no product.
public struct PagedTable<Element: FixedWidthInteger & Sendable>: Sendable {
  /// The number of pages of 256 scalars (0x1100 pages cover 0...0x10FFFF).
  @inlinable package static var pageCount: Int { 0x1100 }

  /// For each page, the offset of its 256 entries in `storage` (0 = the shared zero page).
  @usableFromInline package private(set) var pageOffsets: ContiguousArray<UInt32>
  /// The pages, 256 entries each; the first is all zero.
  @usableFromInline package private(set) var storage: ContiguousArray<Element>
  /// Whether several pages may share their storage (then `set` must copy first).
  private var sharesPages = false

  /// An empty table: every scalar maps to zero.
  package init() {
    pageOffsets = ContiguousArray(repeating: 0, count: Self.pageCount)
    storage = ContiguousArray(repeating: 0, count: 256)
  }

  /// A table from its parts, as written by ``TableArchive``; `nil` unless they form a valid
  /// table (``pageCount`` offsets of whole pages inside `storage`, whose first page is zero).
  /// Pages may share storage.
  package init?(pageOffsets: ContiguousArray<UInt32>, storage: ContiguousArray<Element>) {
    guard pageOffsets.count == Self.pageCount, storage.count >= 256, storage.count % 256 == 0,
      storage[0..<256].allSatisfy({ $0 == 0 }),
      pageOffsets.allSatisfy({ $0 % 256 == 0 && Int($0) < storage.count })
    else { return nil }
    self.pageOffsets = pageOffsets
    self.storage = storage
    sharesPages = true
  }

  /// The entry of `scalar` (zero above 0x10FFFF).
  @inlinable
  package subscript(scalar: UInt32) -> Element {
    let page = Int(truncatingIfNeeded: scalar >> 8)
    guard page < Self.pageCount else { return 0 }
    return storage[Int(pageOffsets[page]) + Int(truncatingIfNeeded: scalar & 0xFF)]
  }

  /// Sets the entry of `scalar` (ignored above 0x10FFFF).
  package mutating func set(_ scalar: UInt32, _ value: Element) {
    let page = Int(truncatingIfNeeded: scalar >> 8)
    guard page < Self.pageCount else { return }
    if sharesPages { unsharePages() }
    if pageOffsets[page] == 0 {
      if value == 0 { return }
      pageOffsets[page] = UInt32(truncatingIfNeeded: storage.count)
      storage.append(contentsOf: repeatElement(0, count: 256))
    }
    storage[Int(pageOffsets[page]) + Int(truncatingIfNeeded: scalar & 0xFF)] = value
  }

  /// ORs `bits` into the entry of `scalar`.
  package mutating func insert(_ bits: Element, for scalar: UInt32) {
    set(scalar, self[scalar] | bits)
  }

  /// Gives every allocated page storage of its own.
  private mutating func unsharePages() {
    var copy = ContiguousArray<Element>(repeating: 0, count: 256)
    for page in 0..<Self.pageCount where pageOffsets[page] != 0 {
      let start = Int(pageOffsets[page])
      pageOffsets[page] = UInt32(truncatingIfNeeded: copy.count)
      copy.append(contentsOf: storage[start..<(start + 256)])
    }
    storage = copy
    sharesPages = false
  }

  /// The same table with pages of equal contents stored once (all-zero pages become the
  /// shared zero page). Lookups give the same entries.
  package func sharingEqualPages() -> PagedTable {
    var offsets = ContiguousArray<UInt32>(repeating: 0, count: Self.pageCount)
    var pages = ContiguousArray<Element>(repeating: 0, count: 256)
    var known: [ArraySlice<Element>: UInt32] = [pages[0..<256]: 0]
    for page in 0..<Self.pageCount where pageOffsets[page] != 0 {
      let start = Int(pageOffsets[page])
      let contents = ArraySlice(storage[start..<(start + 256)])
      if let offset = known[contents] {
        offsets[page] = offset
      } else {
        let offset = UInt32(truncatingIfNeeded: pages.count)
        known[contents] = offset
        offsets[page] = offset
        pages.append(contentsOf: contents)
      }
    }
    var table = self
    table.pageOffsets = offsets
    table.storage = pages
    table.sharesPages = true
    return table
  }

  /// Calls `body` with a reader over the table's storage (unsafe buffer pointers: no
  /// bounds checks in optimised builds).
  @inlinable
  package func withReader<R>(_ body: (Reader) throws -> R) rethrows -> R {
    try pageOffsets.withUnsafeBufferPointer { offsets in
      try storage.withUnsafeBufferPointer { entries in
        try body(Reader(offsets: offsets, entries: entries))
      }
    }
  }

  /// An unchecked view of the table, valid only inside ``withReader(_:)``.
  public struct Reader {
    @usableFromInline let offsets: UnsafeBufferPointer<UInt32>
    @usableFromInline let entries: UnsafeBufferPointer<Element>

    @inlinable
    init(offsets: UnsafeBufferPointer<UInt32>, entries: UnsafeBufferPointer<Element>) {
      self.offsets = offsets
      self.entries = entries
    }

    /// The entry of `scalar`, which must be at most 0x10FFFF.
    @inlinable @inline(__always)
    package func callAsFunction(_ scalar: UInt32) -> Element {
      let page = Int(truncatingIfNeeded: scalar >> 8)
      let offset = Int(truncatingIfNeeded: offsets[page])
      return entries[offset &+ Int(truncatingIfNeeded: scalar & 0xFF)]
    }
  }
}
