import Hummingbird

/// One part of a `multipart/form-data` body.
struct FormPart: Sendable {
  /// The form field's name (`text`, `image`).
  var name: String?
  /// The file name the browser sent, if the part is a file (possibly empty: no file chosen).
  var filename: String?
  /// The part's bytes.
  var body: [UInt8]
}

/// Parsing `multipart/form-data` and media types.
enum FormData {
  /// A media type without parameters, lowercased (`multipart/form-data`); nil for none.
  static func mediaType(_ contentType: String?) -> String? {
    guard let contentType else { return nil }
    let type = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
    let trimmed = type.trimmingSpaces().lowercased()
    return trimmed.isEmpty ? nil : trimmed
  }

  /// The parameters of a header value such as `form-data; name="image"; filename="a b.png"`,
  /// keys lowercased, quotes removed (a `;` inside quotes does not split).
  static func parameters(_ value: String) -> [String: String] {
    var result: [String: String] = [:]
    var pieces: [String] = []
    var current = ""
    var quoted = false
    var escaped = false
    for c in value {
      if escaped {
        current.append(c)
        escaped = false
      } else if quoted && c == "\\" {
        escaped = true
      } else if c == "\"" {
        quoted.toggle()
      } else if c == ";" && !quoted {
        pieces.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    pieces.append(current)
    for piece in pieces.dropFirst() {
      guard let eq = piece.firstIndex(of: "=") else { continue }
      let key = piece[..<eq].trimmingSpaces().lowercased()
      let value = piece[piece.index(after: eq)...].trimmingSpaces()
      if !key.isEmpty { result[key] = value }
    }
    return result
  }

  /// The boundary of a `multipart/form-data` content type, if it is a valid one (1–70 chars).
  static func boundary(_ contentType: String?) -> String? {
    guard let contentType, mediaType(contentType) == "multipart/form-data",
      let boundary = parameters(contentType)["boundary"], (1...70).contains(boundary.utf8.count)
    else { return nil }
    return boundary
  }

  /// A body that is not well-formed `multipart/form-data`.
  struct Malformed: Error {}

  /// At most this many parts are read (the page sends two).
  static let maxParts = 32
  /// At most this many header bytes per part.
  static let maxHeaderBytes = 16 * 1024

  /// The parts of a `multipart/form-data` body (RFC 7578, RFC 2046 §5.1.1): a preamble, then
  /// parts introduced by `--boundary` lines, each with header lines, an empty line and the
  /// content, closed by `--boundary--`. Line ends may be CRLF or bare LF in the headers.
  ///
  /// Written here rather than taken from MultipartKit 4.7.1, whose `MultipartParser` traps
  /// (array index out of range) on a header-name byte of 0x80 or more — one request could stop
  /// the server.
  /// - Throws: ``Malformed`` for a body without a first boundary, with a part cut off before its
  ///   closing boundary, or over ``maxParts`` parts or ``maxHeaderBytes`` header bytes.
  static func parts(of buffer: ByteBuffer, boundary: String) throws(Malformed) -> [FormPart] {
    let body = Array(buffer.readableBytesView)
    let delimiter = Array("--\(boundary)".utf8)
    let separator: [UInt8] = [13, 10] + delimiter
    var position: Int
    if body.starts(with: delimiter) {
      position = delimiter.count
    } else if let first = find(separator, in: body, from: 0) {
      position = first + separator.count
    } else {
      throw Malformed()
    }
    var parts: [FormPart] = []
    while position < body.count {
      // After a delimiter: `--` closes the body; otherwise (padding and) a line end.
      if position + 1 < body.count, body[position] == 45, body[position + 1] == 45 { return parts }
      while position < body.count, body[position] == 32 || body[position] == 9 { position += 1 }
      if position + 1 < body.count, body[position] == 13, body[position + 1] == 10 {
        position += 2
      } else if position < body.count, body[position] == 10 {
        position += 1
      } else {
        throw Malformed()
      }
      guard parts.count < maxParts else { throw Malformed() }
      var part = FormPart(body: [])
      let headerStart = position
      while true {
        guard let newline = find([10], in: body, from: position), newline - headerStart <= maxHeaderBytes else {
          throw Malformed()
        }
        var end = newline
        if end > position, body[end - 1] == 13 { end -= 1 }
        let line = body[position..<end]
        position = newline + 1
        if line.isEmpty { break }
        guard let colon = line.firstIndex(of: 58) else { continue }
        let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).trimmingSpaces().lowercased()
        guard name == "content-disposition" else { continue }
        let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
        let parameters = parameters(value)
        part.name = parameters["name"]
        part.filename = parameters["filename"]
      }
      guard let end = find(separator, in: body, from: position) else { throw Malformed() }
      part.body = Array(body[position..<end])
      parts.append(part)
      position = end + separator.count
    }
    return parts
  }

  /// The first index at or after `start` where `needle` occurs in `haystack`. Linear for the
  /// needles used here (a line end, or CRLF followed by a boundary without CR).
  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard let first = needle.first, haystack.count >= needle.count, start >= 0 else { return nil }
    return haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { pattern in
        var i = start
        let last = hay.count - pattern.count
        while i <= last {
          if hay[i] == first {
            var k = 1
            while k < pattern.count, hay[i + k] == pattern[k] { k += 1 }
            if k == pattern.count { return i }
          }
          i += 1
        }
        return nil
      }
    }
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces and tabs.
  func trimmingSpaces() -> String {
    let scalars = Array(unicodeScalars)
    var a = 0
    var b = scalars.count
    while a < b, scalars[a] == " " || scalars[a] == "\t" { a += 1 }
    while b > a, scalars[b - 1] == " " || scalars[b - 1] == "\t" { b -= 1 }
    return String(String.UnicodeScalarView(scalars[a..<b]))
  }
}
