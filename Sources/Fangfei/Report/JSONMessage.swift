import Foundation

/// A message as JSON input carries it — one `fangfei check --jsonl` line, or the body of the
/// server's `POST /api/check`: `{"text": "…", "id": "…" | 123 | 1.5}` (`id` optional).
public struct JSONMessage: Sendable, Hashable, Decodable {
  /// The message.
  public var text: String
  /// The id as a string, for ``Verdict/id``; nil when absent or null.
  public var id: String?
  /// The id as written in JSON (a string literal, or a number that stays a number), for echoing
  /// in JSON output (``JSONReport/line(for:rawID:)``); nil when absent, null or not finite.
  public var rawID: String?

  private enum Keys: String, CodingKey { case text, id }

  /// A string or a number.
  private enum ID: Decodable {
    case string(String)
    case integer(Int)
    case number(Double)

    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let s = try? c.decode(String.self) {
        self = .string(s)
      } else if let i = try? c.decode(Int.self) {
        self = .integer(i)
      } else {
        self = .number(try c.decode(Double.self))
      }
    }
  }

  /// Decodes an object with a string `text` and an optional string or number `id`; throws
  /// `DecodingError.keyNotFound` without `text` and `DecodingError.typeMismatch` for wrong types.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    text = try c.decode(String.self, forKey: .text)
    switch try c.decodeIfPresent(ID.self, forKey: .id) {
    case .string(let s):
      id = s
      var literal = ""
      JSONReport.appendString(s, to: &literal)
      rawID = literal
    case .integer(let i):
      id = String(i)
      rawID = String(i)
    case .number(let d):
      id = "\(d)"
      rawID = d.isFinite ? "\(d)" : nil
    case nil:
      break
    }
  }
}
