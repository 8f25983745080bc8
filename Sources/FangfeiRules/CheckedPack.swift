/// A rule pack that parsed and passed every check: names resolved to indices, fragments expanded,
/// conditions typed, meta rules ordered. Fangfei compiles its patterns; nothing here knows PCRE2.
package struct CheckedPack: Sendable {
  /// The categories, in declaration order.
  package var categories: [CheckedCategory]
  /// The rules, in declaration order (file order, then line order).
  package var rules: [CheckedRule]
  /// Rule indices in an order where every rule comes after the rules and categories its
  /// condition refers to.
  package var evaluationOrder: [Int]
  /// Score at or above which a message is `suspicious`.
  package var suspiciousThreshold: Double
  /// Score at or above which a message is `scam`.
  package var scamThreshold: Double
  /// The files the pack was read from, in load order.
  package var files: [String]
  /// How to tell a mention of a slogan from a promise.
  package var mentions: [CheckedMention] = []
  /// The `variants` tables: term → spellings (lower-cased, the term included, longest first).
  package var variantTable: [String: [String]] = [:]

  /// The texts of every pattern the prefilter's literal analysis reads (rules, then mention
  /// frames; extended-syntax patterns have none): what the build embeds for the bundled pack.
  package var literalAnalysisPatterns: [String] {
    var patterns: [String] = []
    for rule in rules { patterns += rule.patterns.filter { !$0.flags.contains(.extended) }.map(\.text) }
    for mention in mentions {
      if let p = mention.pattern, !p.flags.contains(.extended) { patterns.append(p.text) }
    }
    return patterns
  }
}

/// A checked `mention` declaration.
package struct CheckedMention: Sendable, Hashable {
  package var kind: MentionDecl.Kind
  /// The frame pattern (nil for `quoted`).
  package var pattern: ExpandedPattern?
  /// How many characters may separate the frame from the hit.
  package var within: Int
  package var location: SourceLocation
}

/// A category of a checked pack.
package struct CheckedCategory: Sendable, Hashable {
  package var name: String
  package var titles: [String: String]
  /// The most the category adds to a score; nil: no cap.
  package var cap: Double?
  package var elements: [LegalElement]
  package var location: SourceLocation
  /// The rules of this category, by index.
  package var rules: [Int] = []
}

/// A rule of a checked pack.
package struct CheckedRule: Sendable, Hashable {
  package var name: String
  package var location: SourceLocation
  package var category: Int?
  package var descriptions: [String: String]
  package var score: Double
  /// Empty for a meta rule.
  package var patterns: [ExpandedPattern]
  package var condition: ResolvedCondition?
  package var examples: [ExampleDecl]
  /// Literals one of which every match contains (see ``RequiredLiterals``), for the prefilter;
  /// nil when the rule must run on every message (or is a meta rule). Sorted; computed on use
  /// (sorting them for every rule was a noticeable part of loading a pack).
  package var literals: [String]? {
    guard !patterns.isEmpty, patternLiterals.count == patterns.count else { return nil }
    var all = Set<String>()
    for l in patternLiterals {
      guard let l else { return nil }
      all.formUnion(l)
    }
    return all.sorted()
  }
  /// For each of ``patterns``, the literals one of which every match contains (nil: none).
  package var patternLiterals: [[String]?] = []
  /// For each of ``patterns``, the groups of literals of ``RequiredLiterals/analyse(_:extended:)``
  /// (every match contains one literal of each group), nil when it has none.
  package var patternConjunctions: [[[String]]?] = []
  /// For each of ``patterns``, the strings one of which every match starts with
  /// (``RequiredLiterals/Analysis``), nil when it has none: the prefilter then reports where
  /// they occur, and the pattern is tried at those places only.
  package var patternPrefixes: [[String]?] = []

  /// A meta rule has no pattern: it fires on a condition over other hits.
  package var isMeta: Bool { patterns.isEmpty }
}

/// A `when` condition with its names resolved.
package indirect enum ResolvedCondition: Sendable, Hashable {
  case rule(Int)
  case category(Int)
  case compare(ResolvedOperand, ComparisonOperator, Double)
  case and(ResolvedCondition, ResolvedCondition)
  case or(ResolvedCondition, ResolvedCondition)
  case not(ResolvedCondition)

  /// The most comparisons on captures (`rate >= 10`, `annual(rate) > 20`) one rule may make: the
  /// scorer keeps, per rule and message, one group of matches per combination of their truth
  /// values, in a 64-bit set.
  package static let maximumCaptureComparisons = 64

  /// Whether the condition reads named captures (and so is decided per match).
  package var usesCaptures: Bool {
    switch self {
    case .rule, .category: false
    case .compare(let o, _, _):
      switch o {
      case .capture, .annual: true
      case .countRule, .countCategory, .categories: false
      }
    case .and(let a, let b), .or(let a, let b): a.usesCaptures || b.usesCaptures
    case .not(let a): a.usesCaptures
    }
  }
}

/// A resolved comparison operand.
package enum ResolvedOperand: Sendable, Hashable {
  case capture(String)
  case annual(String)
  case countRule(Int)
  case countCategory(Int)
  case categories
}
