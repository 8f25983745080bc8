/// Maps normalised positions back to original Unicode-scalar offsets.
///
/// Memory: about 1.06 bytes per normalised scalar (its first original scalar, see
/// ``StartTable``; nothing at all for an identity map), a sorted exception list for the few scalars whose source is longer than one
/// scalar (converted numerals, combining sequences), and one checkpoint per 64 bytes of
/// normalised UTF-8 that turns a byte offset into a scalar index in O(1).
struct OffsetMap: Sendable {
  static let blockShift = 6

  /// Original start of each normalised scalar; `nil` for the identity map.
  let starts: StartTable?
  let exceptionIndices: ContiguousArray<UInt32>
  let exceptionEnds: ContiguousArray<UInt32>
  /// For each 64-byte block of the normalised UTF-8, how many scalars begin before it.
  let blockStarts: ContiguousArray<Int>
  let scalarCount: Int
  let originalScalarCount: Int

  /// The identity map of a text whose UTF-8 is `bytes`.
  init(identity bytes: UnsafeBufferPointer<UInt8>, scalarCount: Int) {
    starts = nil
    exceptionIndices = []
    exceptionEnds = []
    blockStarts = Self.checkpoints(bytes)
    self.scalarCount = scalarCount
    originalScalarCount = scalarCount
  }

  init(
    bytes: UnsafeBufferPointer<UInt8>, starts: StartTable,
    exceptions: [(index: UInt32, end: UInt32)], originalScalarCount: Int
  ) {
    self.starts = starts
    exceptionIndices = ContiguousArray(exceptions.map(\.index))
    exceptionEnds = ContiguousArray(exceptions.map(\.end))
    blockStarts = Self.checkpoints(bytes)
    scalarCount = starts.count
    self.originalScalarCount = originalScalarCount
  }

  /// Counts scalar lead bytes (bytes that are not 10xxxxxx) block by block.
  static func checkpoints(_ bytes: UnsafeBufferPointer<UInt8>) -> ContiguousArray<Int> {
    let blockCount = (bytes.count >> blockShift) + 1
    var result = ContiguousArray<Int>(repeating: 0, count: blockCount)
    guard let base = bytes.baseAddress else { return result }
    let raw = UnsafeRawPointer(base)
    var leads = 0
    let fullBlocks = bytes.count >> blockShift
    result.withUnsafeMutableBufferPointer { out in
      for block in 0..<fullBlocks {
        out[block] = leads
        var continuations = 0
        let offset = block << blockShift
        for word in 0..<8 {
          let x = raw.loadUnaligned(fromByteOffset: offset + word * 8, as: UInt64.self)
          continuations += (x & ~(x << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
        }
        leads += 64 - continuations
      }
      out[fullBlocks] = leads
    }
    return result
  }

  /// The number of scalars in valid UTF-8 (its bytes that are not 10xxxxxx).
  static func countScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let raw = UnsafeRawPointer(base)
    let words = bytes.count / 8
    var continuations = 0
    for word in 0..<words {
      let x = raw.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)
      continuations += (x & ~(x << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
    }
    for offset in (words * 8)..<bytes.count where base[offset] & 0xC0 == 0x80 {
      continuations += 1
    }
    return bytes.count - continuations
  }

  /// Index of the normalised scalar containing byte `offset` (0 ≤ offset < byte count).
  func scalarIndex(containing offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let block = offset >> Self.blockShift
    var index = blockStarts[block]
    var position = block << Self.blockShift
    while position <= offset {
      if bytes[position] & 0xC0 != 0x80 { index += 1 }
      position += 1
    }
    return index - 1
  }

  /// The original offset of the first scalar behind normalised scalar `index`.
  func start(of index: Int) -> Int {
    guard let starts else { return index }
    return starts[index]
  }

  /// The exclusive original end of the scalars behind normalised scalar `index`.
  func end(of index: Int) -> Int {
    guard let starts else { return index + 1 }
    let key = UInt32(truncatingIfNeeded: index)
    let low = exceptionIndices.lowerBound(of: key)
    if low < exceptionIndices.count && exceptionIndices[low] == key {
      return Int(exceptionEnds[low])
    }
    return starts[index] + 1
  }
}
