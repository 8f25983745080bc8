/// One problem found in a rule pack: an error (the pack cannot be used) or a warning.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  /// How serious a diagnostic is.
  public enum Severity: String, Sendable, Hashable, Comparable {
    /// The pack might work, but something looks wrong (a risky pattern, an unused category, …).
    case warning
    /// The pack cannot be compiled.
    case error

    /// Warnings sort before errors.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
      lhs == .warning && rhs == .error
    }
  }

  /// Error or warning.
  public var severity: Severity
  /// Where the problem is.
  public var location: SourceLocation
  /// What is wrong, in one line.
  public var message: String

  /// Creates a diagnostic.
  public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
    self.severity = severity
    self.location = location
    self.message = message
  }

  /// `path:line:column: error: message`.
  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// The error a rule pack fails to load with: every problem found, not only the first.
public struct RulePackError: Error, Sendable, CustomStringConvertible {
  /// All diagnostics of the pack, errors and warnings, in file and line order.
  public var diagnostics: [Diagnostic]

  /// Creates the error from the diagnostics of a pack.
  public init(diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }

  /// Only the errors.
  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

  /// One diagnostic a line.
  public var description: String {
    diagnostics.map(\.description).joined(separator: "\n")
  }
}
