import Foundation

/// The JSON body of `POST /api/check`: `{"text": "…", "id": "…" | 123}`.
struct CheckInput {
  var text: String
  /// The id as a string, for the verdict.
  var id: String?
  /// The id as written (a number stays a number), for the JSON answer.
  var rawID: String?

  private struct Body: Decodable {
    var text: String
    var id: ID?
  }

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

  /// Parses a body; nil when it is not an object with a string `text` (and an optional string
  /// or number `id`).
  init?(json: Data) {
    guard let body = try? JSONDecoder().decode(Body.self, from: json) else { return nil }
    text = body.text
    switch body.id {
    case .string(let s):
      id = s
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
