/// A manually managed growable array of integers for the output of the last pass; the
/// owner calls ``deallocate()`` exactly once.
struct RawArray<Element: FixedWidthInteger> {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var capacity: Int
  var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  /// Makes room for `extra` more elements beyond ``count``.
  mutating func reserve(_ extra: Int) {
    let needed = count + extra
    guard needed > capacity else { return }
    let newCapacity = max(needed, capacity + capacity / 2)
    let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    newBase.initialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  func deallocate() { base.deallocate() }

  var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}
