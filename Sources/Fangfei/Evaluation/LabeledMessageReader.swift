import Foundation

/// Reads labelled corpora in JSON Lines: one JSON object a line with a string `text`, a string
/// `label`, an optional `id` (a string or a number) and an optional `category` (a string or null);
/// other fields are ignored.
///
/// ```json
/// {"id": "zh-0001", "label": "scam", "category": "high-returns", "text": "…"}
/// ```
///
/// Blank lines and a leading byte-order mark are skipped. A line without an `id` gets `FILE:LINE` (its 1-based line number). A
/// line that is not such an object, or is not UTF-8, stops the reading with
/// ``EvaluationInputError/badLine(_:reason:)`` naming the file and the line.
public enum LabeledMessageReader {
  /// Reads the file at `path`.
  /// - Throws: ``EvaluationInputError`` when the file cannot be read or a line is bad.
  public static func read(path: String) throws(EvaluationInputError) -> [LabeledMessage] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    var info = stat()
    if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
      throw .unreadable(file: path, reason: "is a directory")
    }
    let data: Data
    do {
      data = try handle.readToEnd() ?? Data()
    } catch {
      throw .unreadable(file: path, reason: error.localizedDescription)
    }
    return try read(data, file: path)
  }

  /// Reads JSON Lines held in memory; `file` names the input in errors and default ids.
  /// - Throws: ``EvaluationInputError/badLine(_:reason:)`` at the first bad line.
  public static func read(_ data: Data, file: String) throws(EvaluationInputError) -> [LabeledMessage] {
    let decoder = JSONDecoder()
    var rows: [LabeledMessage] = []
    var lineNumber = 0
    var start = data.startIndex
    if data.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }  // a UTF-8 byte-order mark
    while start < data.endIndex {
      lineNumber += 1
      let newline = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
      var end = newline
      if end > start, data[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      let line = data[start..<end]
      start = newline < data.endIndex ? newline + 1 : data.endIndex
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
      let location = SourceLocation(file: file, line: lineNumber, column: 1)
      guard String(validating: line, as: UTF8.self) != nil else { throw .badLine(location, reason: "invalid UTF-8") }
      let row: Row
      do {
        row = try decoder.decode(Row.self, from: Data(line))
      } catch {
        throw .badLine(location, reason: problem(error))
      }
      rows.append(
        LabeledMessage(id: row.id ?? "\(file):\(lineNumber)", label: row.label, category: row.category, text: row.text))
    }
    return rows
  }

  /// A one-line account of why a line did not decode.
  private static func problem(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _):
      return "no \"\(key.stringValue)\" field"
    case DecodingError.valueNotFound(_, let context):
      return "\"\(context.codingPath.first?.stringValue ?? "value")\" is null"
    case DecodingError.typeMismatch(_, let context):
      guard let field = context.codingPath.first?.stringValue else { return "not a JSON object" }
      return field == "id" ? "\"id\" is not a string or a number" : "\"\(field)\" is not a string"
    default:
      return "not valid JSON"
    }
  }

  /// One input line.
  private struct Row: Decodable {
    var id: String?
    var label: String
    var category: String?
    var text: String

    enum CodingKeys: String, CodingKey {
      case id, label, category, text
    }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      text = try c.decode(String.self, forKey: .text)
      label = try c.decode(String.self, forKey: .label)
      category = try c.decodeIfPresent(String.self, forKey: .category)
      guard c.contains(.id), try !c.decodeNil(forKey: .id) else {
        id = nil
        return
      }
      if let s = try? c.decode(String.self, forKey: .id) {
        id = s
      } else if let i = try? c.decode(Int.self, forKey: .id) {
        id = String(i)
      } else {
        id = "\(try c.decode(Double.self, forKey: .id))"
      }
    }
  }
}
