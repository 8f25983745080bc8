import Foundation

/// Reads a file descriptor line by line in large chunks, without holding the whole input:
/// lines end at `\n`; a `\r` before it is dropped; a last line without `\n` still counts.
final class LineReader {
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var start = 0
  private var eof = false
  private let chunk: Int

  init(fd: Int32, chunk: Int = 1 << 20) {
    self.fd = fd
    self.chunk = chunk
  }

  /// The next line's bytes, or nil at the end of the input.
  func next() -> ArraySlice<UInt8>? {
    var searchFrom = start
    while true {
      if let nl = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
        var end = nl
        if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = buffer[start..<end]
        start = nl + 1
        return line
      }
      if eof {
        guard start < buffer.count else { return nil }
        var end = buffer.count
        if buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = buffer[start..<end]
        start = buffer.count
        return line
      }
      // Drop consumed bytes, then read more.
      if start > 0 {
        buffer.removeSubrange(0..<start)
        start = 0
      }
      searchFrom = buffer.count
      if !fill() { eof = true }
    }
  }

  /// All remaining bytes. The reader gives up its buffer (no copy), and a regular file's size
  /// is reserved up front, so a huge message is held once, not two or three times.
  func readAll() -> [UInt8] {
    var info = stat()
    if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
      let remaining = Int(info.st_size) - Int(lseek(fd, 0, SEEK_CUR))
      if remaining > 0 { buffer.reserveCapacity(buffer.count + remaining + 4096) }
    }
    while fill() {}
    eof = true
    var rest: [UInt8] = []
    swap(&rest, &buffer)
    if start > 0 { rest.removeSubrange(0..<start) }
    start = 0
    return rest
  }

  /// Reads into the buffer's free capacity (growing it by half, at least a chunk, when less than
  /// a page is free); false at the end of the input or on a read error.
  private func fill() -> Bool {
    let old = buffer.count
    if buffer.capacity - old < 4096 {
      buffer.reserveCapacity(old + max(chunk, old / 2))
    }
    let room = buffer.capacity - old
    var n = 0
    buffer.append(contentsOf: repeatElement(0, count: room))
    buffer.withUnsafeMutableBytes { raw in
      repeat {
        n = read(fd, raw.baseAddress.map { $0 + old }, room)
      } while n < 0 && errno == EINTR
    }
    buffer.removeLast(room - max(n, 0))
    return n > 0
  }
}

/// Turns input bytes into a String, replacing invalid UTF-8 with U+FFFD.
enum UTF8Input {
  /// The decoded text and whether any byte sequence was invalid.
  static func decode<C: Collection>(_ bytes: C) -> (String, Bool) where C.Element == UInt8 {
    if let s = String(validating: bytes, as: UTF8.self) { return (s, false) }
    return (String(decoding: bytes, as: UTF8.self), true)
  }
}
