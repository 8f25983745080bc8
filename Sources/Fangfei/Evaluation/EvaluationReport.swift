/// How a classifier did on a labelled corpus: the confusion counts and the rates derived from them,
/// the flagged share of every label and of every (label, category) pair, how often every rule
/// fired on positives and on negatives, the rules that never fired, and the false positives and
/// misses themselves. ``Evaluator`` makes one.
///
/// A message is *flagged* when its level is not `clean`. A rate whose denominator is 0 is nil
/// (`null` in JSON): precision when nothing was flagged, recall when there are no positives, the
/// false-positive rate when there are no negatives. Rates are fractions (0.25, not 25%).
public struct EvaluationReport: Sendable, Hashable, Codable {
  /// The labels counted as positive, sorted.
  public var positiveLabels: [String]
  /// The confusion counts over every row.
  public var overall: Summary
  /// One row per label: positive labels first, then by name.
  public var labels: [LabelRow]
  /// One row per (label, category) pair, in the order of `labels`, then by category (none first).
  public var categories: [CategoryRow]
  /// The rules that fired at least once, by hits on negatives (most first), then by name.
  public var rules: [RuleRow]
  /// The rules of the pack that fired on no row, in declaration order.
  public var neverFired: [String]
  /// Negative rows that were flagged, in input order.
  public var falsePositives: [Example]
  /// Positive rows that were not flagged, in input order.
  public var misses: [Example]

  /// Creates a report.
  public init(
    positiveLabels: [String], overall: Summary, labels: [LabelRow], categories: [CategoryRow], rules: [RuleRow],
    neverFired: [String], falsePositives: [Example], misses: [Example]
  ) {
    self.positiveLabels = positiveLabels
    self.overall = overall
    self.labels = labels
    self.categories = categories
    self.rules = rules
    self.neverFired = neverFired
    self.falsePositives = falsePositives
    self.misses = misses
  }

  /// The confusion counts of a set of rows and the rates derived from them.
  ///
  /// Encodes every rate, `null` when its denominator is 0; decoding reads only the counts.
  public struct Summary: Sendable, Hashable, Codable {
    /// Flagged positive rows.
    public var truePositives: Int
    /// Flagged negative rows.
    public var falsePositives: Int
    /// Negative rows left clean.
    public var trueNegatives: Int
    /// Positive rows left clean (misses).
    public var falseNegatives: Int

    /// Creates a summary from the four counts.
    public init(truePositives: Int, falsePositives: Int, trueNegatives: Int, falseNegatives: Int) {
      self.truePositives = truePositives
      self.falsePositives = falsePositives
      self.trueNegatives = trueNegatives
      self.falseNegatives = falseNegatives
    }

    /// Every row.
    public var rows: Int { positives + negatives }
    /// Rows with a positive label.
    public var positives: Int { truePositives + falseNegatives }
    /// Rows with any other label.
    public var negatives: Int { falsePositives + trueNegatives }
    /// Flagged rows.
    public var flagged: Int { truePositives + falsePositives }
    /// TP / (TP + FP): the share of flagged rows that are positive; nil when nothing was flagged.
    public var precision: Double? { ratio(truePositives, flagged) }
    /// TP / (TP + FN): the share of positives that were flagged; nil when there are no positives.
    public var recall: Double? { ratio(truePositives, positives) }
    /// 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall (0 when positives exist
    /// and none was flagged); nil when there are no positives and nothing was flagged.
    public var f1: Double? { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }
    /// FP / (FP + TN): the share of negatives that were flagged; nil when there are no negatives.
    public var falsePositiveRate: Double? { ratio(falsePositives, negatives) }

    private enum CodingKeys: String, CodingKey {
      case rows, positives, negatives, flagged, truePositives, falsePositives, trueNegatives, falseNegatives
      case precision, recall, f1, falsePositiveRate
    }

    /// Decodes the four confusion counts (the other fields are derived).
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      truePositives = try c.decode(Int.self, forKey: .truePositives)
      falsePositives = try c.decode(Int.self, forKey: .falsePositives)
      trueNegatives = try c.decode(Int.self, forKey: .trueNegatives)
      falseNegatives = try c.decode(Int.self, forKey: .falseNegatives)
    }

    /// Encodes the counts and every rate (`null` when undefined).
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(rows, forKey: .rows)
      try c.encode(positives, forKey: .positives)
      try c.encode(negatives, forKey: .negatives)
      try c.encode(flagged, forKey: .flagged)
      try c.encode(truePositives, forKey: .truePositives)
      try c.encode(falsePositives, forKey: .falsePositives)
      try c.encode(trueNegatives, forKey: .trueNegatives)
      try c.encode(falseNegatives, forKey: .falseNegatives)
      try c.encode(precision, forKey: .precision)
      try c.encode(recall, forKey: .recall)
      try c.encode(f1, forKey: .f1)
      try c.encode(falsePositiveRate, forKey: .falsePositiveRate)
    }
  }

  /// How many rows of one label were flagged.
  public struct LabelRow: Sendable, Hashable, Codable {
    /// The label.
    public var label: String
    /// Whether the label counts as positive.
    public var positive: Bool
    /// Rows with the label.
    public var rows: Int
    /// Of those, the flagged ones.
    public var flagged: Int
    /// flagged / rows (rows is never 0 in a report).
    public var flaggedRate: Double

    /// Creates a row; `flaggedRate` is computed (0 when `rows` is 0).
    public init(label: String, positive: Bool, rows: Int, flagged: Int) {
      self.label = label
      self.positive = positive
      self.rows = rows
      self.flagged = flagged
      flaggedRate = ratio(flagged, rows) ?? 0
    }
  }

  /// How many rows of one (label, category) pair were flagged.
  public struct CategoryRow: Sendable, Hashable, Codable {
    /// The label.
    public var label: String
    /// The category; nil for rows without one (`null` in JSON).
    public var category: String?
    /// Whether the label counts as positive.
    public var positive: Bool
    /// Rows with the label and category.
    public var rows: Int
    /// Of those, the flagged ones.
    public var flagged: Int
    /// flagged / rows (rows is never 0 in a report).
    public var flaggedRate: Double

    /// Creates a row; `flaggedRate` is computed (0 when `rows` is 0).
    public init(label: String, category: String?, positive: Bool, rows: Int, flagged: Int) {
      self.label = label
      self.category = category
      self.positive = positive
      self.rows = rows
      self.flagged = flagged
      flaggedRate = ratio(flagged, rows) ?? 0
    }

    /// Encodes every field, `category` as `null` when there is none.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(label, forKey: .label)
      try c.encode(category, forKey: .category)
      try c.encode(positive, forKey: .positive)
      try c.encode(rows, forKey: .rows)
      try c.encode(flagged, forKey: .flagged)
      try c.encode(flaggedRate, forKey: .flaggedRate)
    }
  }

  /// How often one rule fired, in the manner of SpamAssassin's hit-frequencies: on how many
  /// positive and negative rows, and the S/O ratio — the share of its hits that are on positives
  /// (1.0: only ever on positives; 0.0: only ever on negatives).
  public struct RuleRow: Sendable, Hashable, Codable {
    /// The rule's name.
    public var rule: String
    /// The rule's category, if it has one (`null` in JSON otherwise).
    public var category: String?
    /// The rule's declared score (before category caps).
    public var score: Double
    /// Positive rows the rule fired on.
    public var positiveHits: Int
    /// Negative rows the rule fired on.
    public var negativeHits: Int
    /// False positives the rule fired on (negative rows that were flagged).
    public var falsePositiveHits: Int
    /// positiveHits / (positiveHits + negativeHits); 0 when the rule never fired (a report lists
    /// only rules that fired).
    public var soRatio: Double
    /// positiveHits / positives in the corpus; nil when there are no positives.
    public var positiveRate: Double?
    /// negativeHits / negatives in the corpus; nil when there are no negatives.
    public var negativeRate: Double?

    /// Creates a row; the ratios are computed from the hits and the corpus's positive and
    /// negative row counts.
    public init(
      rule: String, category: String?, score: Double, positiveHits: Int, negativeHits: Int, falsePositiveHits: Int,
      positives: Int, negatives: Int
    ) {
      self.rule = rule
      self.category = category
      self.score = score
      self.positiveHits = positiveHits
      self.negativeHits = negativeHits
      self.falsePositiveHits = falsePositiveHits
      soRatio = ratio(positiveHits, positiveHits + negativeHits) ?? 0
      positiveRate = ratio(positiveHits, positives)
      negativeRate = ratio(negativeHits, negatives)
    }

    /// Encodes every field, `null` for a missing category or an undefined rate.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(rule, forKey: .rule)
      try c.encode(category, forKey: .category)
      try c.encode(score, forKey: .score)
      try c.encode(positiveHits, forKey: .positiveHits)
      try c.encode(negativeHits, forKey: .negativeHits)
      try c.encode(falsePositiveHits, forKey: .falsePositiveHits)
      try c.encode(soRatio, forKey: .soRatio)
      try c.encode(positiveRate, forKey: .positiveRate)
      try c.encode(negativeRate, forKey: .negativeRate)
    }
  }

  /// A row the classifier got wrong: a false positive or a miss, with what fired on it.
  public struct Example: Sendable, Hashable, Codable {
    /// The row's id.
    public var id: String
    /// The row's label.
    public var label: String
    /// The row's category (`null` in JSON when there is none).
    public var category: String?
    /// The level the classifier gave.
    public var level: Level
    /// The score the classifier gave.
    public var score: Double
    /// The rules that fired, with their quotes from the text (a miss may have some too).
    public var hits: [Hit]
    /// The start of the text: its first ``Evaluator/excerptLength`` Unicode scalars, followed by
    /// `…` when the text is longer.
    public var excerpt: String

    /// Creates an example.
    public init(
      id: String, label: String, category: String?, level: Level, score: Double, hits: [Hit], excerpt: String
    ) {
      self.id = id
      self.label = label
      self.category = category
      self.level = level
      self.score = score
      self.hits = hits
      self.excerpt = excerpt
    }

    /// Encodes every field, `category` as `null` when there is none.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(label, forKey: .label)
      try c.encode(category, forKey: .category)
      try c.encode(level, forKey: .level)
      try c.encode(score, forKey: .score)
      try c.encode(hits, forKey: .hits)
      try c.encode(excerpt, forKey: .excerpt)
    }
  }
}

/// `numerator / denominator`, or nil when the denominator is 0.
private func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
  denominator == 0 ? nil : Double(numerator) / Double(denominator)
}
