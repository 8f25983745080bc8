import Fangfei

/// The Unicode scalars `start..<end` of `text`, as Python's `text[start:end]` would give.
func slice(_ text: String, _ start: Int, _ end: Int) -> String {
  let scalars = Array(text.unicodeScalars)
  guard start >= 0, end <= scalars.count, start <= end else { return "<out of range \(start)..<\(end)>" }
  return String(String.UnicodeScalarView(scalars[start..<end]))
}

/// The bundled classifier, loaded once for the test process.
let bundled: Classifier? = try? Classifier()
