/// A broken invariant found by a fuzz target.
public struct FuzzFailure: Error, Sendable, CustomStringConvertible {
  /// What went wrong, with the values involved.
  public var description: String

  /// Creates a failure.
  public init(_ description: String) {
    self.description = description
  }
}
