/// The parsed, not yet checked, content of rule files. Produced by ``RuleFileParser``,
/// consumed by ``PackChecker``.

/// A value together with where it was written.
package struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
  /// The value.
  package var value: Value
  /// Where it starts in its file.
  package var location: SourceLocation

  /// Creates a located value.
  package init(_ value: Value, at location: SourceLocation) {
    self.value = value
    self.location = location
  }
}

/// A pattern as written in a file: the scalars between the delimiters, each one column apart.
package struct PatternSource: Sendable, Hashable {
  /// The pattern's characters, exactly as written (escapes included).
  package var scalars: [Unicode.Scalar]
  /// The location of the first scalar.
  package var location: SourceLocation
  /// The flags written after the closing `/` (`i`, `s`, `x`, `m`).
  package var flags: PatternFlags

  /// Creates a pattern source.
  package init(scalars: [Unicode.Scalar], location: SourceLocation, flags: PatternFlags = []) {
    self.scalars = scalars
    self.location = location
    self.flags = flags
  }

  /// The pattern as a string.
  package var text: String {
    scalarString(scalars)
  }
}

/// The flags a `match` pattern may carry after its closing delimiter.
public struct PatternFlags: OptionSet, Sendable, Hashable {
  /// The raw bits.
  public var rawValue: UInt8
  /// Creates flags from raw bits.
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// `i`: Latin letters match regardless of case.
  public static let caseless = PatternFlags(rawValue: 1)
  /// `s`: `.` matches newlines too.
  public static let dotAll = PatternFlags(rawValue: 2)
  /// `x`: white space and `#` comments in the pattern are ignored.
  public static let extended = PatternFlags(rawValue: 4)
  /// `m`: `^` and `$` match at line breaks.
  public static let multiline = PatternFlags(rawValue: 8)

  /// The flag for a letter, or nil for an unknown letter.
  package static func flag(for letter: Unicode.Scalar) -> PatternFlags? {
    switch letter {
    case "i": .caseless
    case "s": .dotAll
    case "x": .extended
    case "m": .multiline
    default: nil
    }
  }
}

/// `category NAME` and its keys.
package struct CategoryDecl: Sendable, Hashable {
  package var name: Located<String>
  package var titles: [String: String] = [:]
  package var cap: Located<Double>?
  package var elements: [Located<String>] = []
}

/// `define NAME pattern`.
package struct FragmentDecl: Sendable, Hashable {
  package var name: Located<String>
  package var pattern: PatternSource
}

/// A `hit` or `miss` example of a rule.
package struct ExampleDecl: Sendable, Hashable {
  /// `true` for `hit` (the rule must fire), `false` for `miss`.
  package var mustHit: Bool
  package var text: String
  package var location: SourceLocation
}

/// `rule NAME` and its keys.
package struct RuleDecl: Sendable, Hashable {
  package var name: Located<String>
  package var category: Located<String>?
  package var descriptions: [String: String] = [:]
  package var score: Located<Double>?
  package var patterns: [PatternSource] = []
  package var conditions: [Condition] = []
  package var examples: [ExampleDecl] = []
  /// A `when` line was present but did not parse (already reported).
  package var hasBrokenCondition = false
}

/// `threshold suspicious|scam N`.
package struct ThresholdDecl: Sendable, Hashable {
  package var level: Located<String>
  package var value: Double
}

/// `mention quoted`, `mention before /PATTERN/ within N`, `mention after /PATTERN/ within N`:
/// when a hit is a *mention* of a slogan (quoted, or framed by a warning or a report) rather than
/// a promise.
package struct MentionDecl: Sendable, Hashable {
  package enum Kind: String, Sendable, Hashable {
    case quoted, before, after
  }
  package var kind: Kind
  package var pattern: PatternSource?
  package var within: Int
  package var location: SourceLocation
}

/// `variants TERM VARIANT…`: spellings that stand for TERM, used in patterns as `{~TERM}`.
package struct VariantsDecl: Sendable, Hashable {
  package var term: Located<String>
  package var variants: [Located<String>]
}

/// Everything one rule file declares, in the order written.
package struct RuleFileAST: Sendable {
  package var path: String
  package var categories: [CategoryDecl] = []
  package var fragments: [FragmentDecl] = []
  package var rules: [RuleDecl] = []
  package var thresholds: [ThresholdDecl] = []
  package var mentions: [MentionDecl] = []
  package var variants: [VariantsDecl] = []

  package init(path: String) { self.path = path }
}
