import Foundation

/// Reading an input file descriptor: the one `read` loop the command line has.
enum InputFile {
  /// Appends what one `read` of at most `count` bytes returns to `buffer` (retrying on EINTR);
  /// the number of bytes read, 0 at the end of the input or on a read error.
  static func readOnce(_ fd: Int32, appendingTo buffer: inout [UInt8], upTo count: Int) -> Int {
    let old = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: count))
    var n = 0
    buffer.withUnsafeMutableBytes { raw in
      repeat {
        n = read(fd, raw.baseAddress.map { $0 + old }, count)
      } while n < 0 && errno == EINTR
    }
    buffer.removeLast(count - max(n, 0))
    return max(n, 0)
  }

  /// Everything left to read. A regular file's size is reserved up front and reads fill free
  /// capacity (growing it by half, at least 1 MiB, when less than a page is free), so a huge
  /// message is read once into one buffer, not reallocated chunk by chunk.
  static func readAll(_ fd: Int32) -> [UInt8] {
    var buffer: [UInt8] = []
    var info = stat()
    if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
      let remaining = Int(info.st_size) - Int(lseek(fd, 0, SEEK_CUR))
      if remaining > 0 { buffer.reserveCapacity(remaining + 4096) }
    }
    while true {
      if buffer.capacity - buffer.count < 4096 {
        buffer.reserveCapacity(buffer.count + max(1 << 20, buffer.count / 2))
      }
      if readOnce(fd, appendingTo: &buffer, upTo: buffer.capacity - buffer.count) == 0 { return buffer }
    }
  }
}

/// Turns input bytes into a String, replacing invalid UTF-8 with U+FFFD.
enum UTF8Input {
  /// The decoded text and whether any byte sequence was invalid.
  ///
  /// `String(decoding:as:)` validates with the standard library's fast UTF-8 check (where
  /// `String(validating:as:)` decodes scalar by scalar); a repaired string never has the same
  /// bytes as its input, so comparing the bytes tells whether anything was replaced.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, Bool) {
    var s = String(decoding: bytes, as: UTF8.self)
    let same = s.withUTF8 { decoded in
      guard decoded.count == bytes.count else { return false }
      guard let a = decoded.baseAddress, let b = bytes.baseAddress else { return true }  // both empty
      return memcmp(a, b, bytes.count) == 0
    }
    return (s, !same)
  }

  /// The decoded text and whether any byte sequence was invalid.
  static func decode(_ bytes: [UInt8]) -> (String, Bool) {
    bytes.withUnsafeBufferPointer { decode($0) }
  }
}
