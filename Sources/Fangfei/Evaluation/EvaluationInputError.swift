/// Why a labelled corpus could not be read. The description is one line that names the file (and
/// the line), e.g. `data.jsonl:12: no "label" field`.
public enum EvaluationInputError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file could not be opened or read.
  case unreadable(file: String, reason: String)
  /// A line is not a JSON object with a string `text` and a string `label`, or one of its
  /// optional fields has the wrong type. The location's column is always 1: a line is the unit.
  case badLine(SourceLocation, reason: String)

  /// `file: cannot read: reason` or `file:line: reason`.
  public var description: String {
    switch self {
    case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
    case .badLine(let location, let reason): "\(location.file):\(location.line): \(reason)"
    }
  }
}
