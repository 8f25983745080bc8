/// An error raised while creating a ``Normalizer``.
public enum NormalizerError: Error, Sendable, Equatable {
  /// OpenCC could not open the configuration (the file is missing or invalid). The message
  /// is OpenCC's own error text.
  case openCCUnavailable(configuration: String, message: String)

  /// OpenCC opened the configuration but failed to convert the character table, or returned
  /// output that does not line up with the input.
  case openCCConversionFailed(configuration: String, message: String)
}

extension NormalizerError: CustomStringConvertible {
  /// A one-line description of the error.
  public var description: String {
    switch self {
    case .openCCUnavailable(let configuration, let message):
      return "cannot open OpenCC configuration '\(configuration)': \(message)"
    case .openCCConversionFailed(let configuration, let message):
      return "OpenCC conversion with '\(configuration)' failed: \(message)"
    }
  }
}
