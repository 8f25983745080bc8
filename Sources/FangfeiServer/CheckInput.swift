import Fangfei
import Foundation

/// The JSON body of `POST /api/check`: `{"text": "…", "id": "…" | 123}`.
struct CheckInput {
  var text: String
  /// The id as a string, for the verdict.
  var id: String?
  /// The id as written (a number stays a number), for the JSON answer.
  var rawID: String?

  /// Parses a body; nil when it is not an object with a string `text` (and an optional string
  /// or number `id`).
  init?(json: Data) {
    guard let message = try? JSONDecoder().decode(JSONMessage.self, from: json) else { return nil }
    text = message.text
    id = message.id
    rawID = message.rawID
  }
}
