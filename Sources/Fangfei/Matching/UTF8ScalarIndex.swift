/// Converts UTF-8 byte offsets (what PCRE2 reports) to Unicode-scalar offsets (what verdicts
/// report: `text[start:end]` in Python and JavaScript) and back.
///
/// Precomputes, in one linear pass, the scalar count at every 64th byte; a lookup then counts the
/// lead bytes in at most 63 bytes, whatever the subject's length or script (ASCII, 3-byte Chinese,
/// 4-byte emoji alike). Memory is one copy of the bytes plus one `Int` per 64 bytes.
package struct UTF8ScalarIndex: Sendable {
  /// Bytes per checkpoint.
  private static let stride = 64
  /// A copy of the indexed UTF-8 bytes.
  private let bytes: [UInt8]
  /// `checkpoints[i]` is the number of scalars that start before byte `i * stride`.
  private let checkpoints: [Int]
  /// Number of Unicode scalars in the indexed bytes.
  package let scalarCount: Int

  /// Indexes the UTF-8 bytes of a valid string.
  package init(utf8 buffer: UnsafeBufferPointer<UInt8>) {
    self.init(bytes: Array(buffer))
  }

  /// Indexes `string.utf8`.
  package init(_ string: String) {
    self.init(bytes: Array(string.utf8))
  }

  /// Builds the checkpoints over `bytes` in one pass.
  private init(bytes: [UInt8]) {
    var checkpoints: [Int] = []
    checkpoints.reserveCapacity(bytes.count / Self.stride + 1)
    var scalars = 0
    for (offset, byte) in bytes.enumerated() {
      if offset % Self.stride == 0 { checkpoints.append(scalars) }
      if byte & 0xC0 != 0x80 { scalars += 1 }
    }
    if bytes.count % Self.stride == 0 { checkpoints.append(scalars) }
    self.bytes = bytes
    self.checkpoints = checkpoints
    self.scalarCount = scalars
  }

  /// Number of indexed UTF-8 bytes.
  package var utf8Count: Int { bytes.count }

  /// The scalar offset of byte `utf8Offset`, or `nil` if it is outside `0...utf8Count` or falls
  /// inside a multi-byte sequence.
  package func scalarOffset(forUTF8Offset utf8Offset: Int) -> Int? {
    guard utf8Offset >= 0, utf8Offset <= bytes.count else { return nil }
    if utf8Offset < bytes.count, bytes[utf8Offset] & 0xC0 == 0x80 { return nil }
    let block = utf8Offset / Self.stride
    var scalars = checkpoints[block]
    var position = block * Self.stride
    while position < utf8Offset {
      if bytes[position] & 0xC0 != 0x80 { scalars += 1 }
      position += 1
    }
    return scalars
  }

  /// The scalar range of a byte range, or `nil` if either bound is invalid.
  package func scalarRange(forUTF8Range range: Range<Int>) -> Range<Int>? {
    guard let lower = scalarOffset(forUTF8Offset: range.lowerBound),
      let upper = scalarOffset(forUTF8Offset: range.upperBound)
    else { return nil }
    return lower..<upper
  }

  /// The byte offset where scalar number `scalarOffset` starts (`utf8Count` for `scalarCount`),
  /// or `nil` if it is outside `0...scalarCount`.
  package func utf8Offset(forScalarOffset scalarOffset: Int) -> Int? {
    guard scalarOffset >= 0, scalarOffset <= scalarCount else { return nil }
    if scalarOffset == scalarCount { return bytes.count }
    // Last checkpoint whose count is <= scalarOffset (checkpoints are non-decreasing).
    var low = 0
    var high = checkpoints.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if checkpoints[mid] <= scalarOffset { low = mid } else { high = mid - 1 }
    }
    var scalars = checkpoints[low]
    var position = low * Self.stride
    while position < bytes.count {
      if bytes[position] & 0xC0 != 0x80 {
        if scalars == scalarOffset { return position }
        scalars += 1
      }
      position += 1
    }
    return bytes.count
  }
}
