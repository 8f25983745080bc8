import Synchronization

/// Request counters: numbers only — never a text, an image, an address or a time of a request.
final class ServerCounters: Sendable {
  /// Text checks answered (API and page).
  let checks = Atomic<Int>(0)
  /// Photos read and answered (API and page), retakes included.
  let imageChecks = Atomic<Int>(0)
  /// Checks (text or photo) whose level was not clean.
  let flagged = Atomic<Int>(0)
  /// Photos answered with "please retake".
  let retakes = Atomic<Int>(0)
  /// Answers with a 4xx or 5xx status (413s and 503s included).
  let errors = Atomic<Int>(0)
  /// Answers with status 413 (request too large).
  let tooLarge = Atomic<Int>(0)
  /// Answers with status 503 (OCR unavailable, busy or too slow).
  let unavailable = Atomic<Int>(0)

  /// Adds one to `counter`.
  static func bump(_ counter: borrowing Atomic<Int>) {
    counter.wrappingAdd(1, ordering: .relaxed)
  }

  /// Counts an answer's status.
  func count(status code: Int) {
    if code >= 400 { Self.bump(errors) }
    if code == 413 { Self.bump(tooLarge) }
    if code == 503 { Self.bump(unavailable) }
  }

  /// The counters as a JSON object.
  var json: String {
    let pairs: [(String, Int)] = [
      ("checks", checks.load(ordering: .relaxed)), ("imageChecks", imageChecks.load(ordering: .relaxed)),
      ("flagged", flagged.load(ordering: .relaxed)), ("retakes", retakes.load(ordering: .relaxed)),
      ("errors", errors.load(ordering: .relaxed)), ("tooLarge", tooLarge.load(ordering: .relaxed)),
      ("unavailable", unavailable.load(ordering: .relaxed)),
    ]
    return "{" + pairs.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
  }
}
