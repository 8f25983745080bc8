/// UTF-8 bytes as a hash key that hashes all its bytes at once (`[UInt8]` feeds the hasher one
/// byte at a time, which dominated building the prefilter's literal sets).
package struct ByteString: Hashable, Sendable {
  /// The bytes.
  package var bytes: [UInt8]

  /// Wraps `bytes`.
  package init(_ bytes: [UInt8]) { self.bytes = bytes }

  package static func == (a: ByteString, b: ByteString) -> Bool { a.bytes == b.bytes }

  package func hash(into hasher: inout Hasher) {
    hasher.combine(bytes.count)
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }
}
