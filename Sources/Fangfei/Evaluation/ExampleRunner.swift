import FangfeiRules

/// Runs the `hit` and `miss` examples of every rule of a pack: a `hit` example must make its
/// rule fire when the whole pack classifies it, a `miss` example must not.
public struct ExampleRunner: Sendable {
  /// The outcome of one example.
  public struct Result: Sendable, CustomStringConvertible {
    /// The rule the example belongs to.
    public var rule: String
    /// `true` for a `hit` example, `false` for a `miss` example.
    public var mustHit: Bool
    /// The example text.
    public var text: String
    /// Where the example is written.
    public var location: SourceLocation
    /// The rules that fired on the example.
    public var firedRules: [String]
    /// Whether the example behaved as declared.
    public var passed: Bool

    /// `path:line:column: PASS|FAIL hit|miss rule «text»` and, on failure, what fired.
    public var description: String {
      var s = "\(location): \(passed ? "PASS" : "FAIL") \(mustHit ? "hit" : "miss") \(rule) «\(text)»"
      if !passed {
        s +=
          mustHit
          ? " — the rule did not fire (fired: \(firedRules.isEmpty ? "nothing" : firedRules.joined(separator: ", ")))"
          : " — the rule fired"
      }
      return s
    }
  }

  let classifier: Classifier

  /// Creates a runner over a classifier's pack.
  public init(classifier: Classifier) {
    self.classifier = classifier
  }

  /// Runs every example, in file and line order.
  public func run() -> [Result] {
    var results: [Result] = []
    for rule in classifier.pack.checked.rules {
      for example in rule.examples {
        let fired = classifier.classify(example.text).hits.map(\.rule)
        results.append(
          Result(
            rule: rule.name, mustHit: example.mustHit, text: example.text, location: example.location,
            firedRules: fired, passed: fired.contains(rule.name) == example.mustHit))
      }
    }
    return results.sorted { $0.location < $1.location }
  }
}
