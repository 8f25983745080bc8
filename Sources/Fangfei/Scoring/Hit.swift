/// One rule that fired on a message, with its contribution to the score and the evidence.
///
/// `start` and `end` count Unicode scalars (code points) in the ORIGINAL text, end exclusive, so
/// that `text[start:end] == match` in Python and JavaScript alike, also after normalisation
/// changed the text. A meta rule (a condition over other hits) has no span: `match`, `start`
/// and `end` are nil.
public struct Hit: Sendable, Hashable, Codable {
  /// The rule's name.
  public var rule: String
  /// The rule's category, if it has one.
  public var category: String?
  /// What the rule added to the score, after the category's cap (may be 0 or negative).
  public var score: Double
  /// The rule's description, in the verdict's language.
  public var description: String
  /// The quoted evidence: the original text from `start` to `end`.
  public var match: String?
  /// Start of the evidence, in Unicode scalars of the original text.
  public var start: Int?
  /// End of the evidence (exclusive), in Unicode scalars of the original text.
  public var end: Int?
  /// How many times the rule matched in the message (the span is the first).
  public var count: Int

  /// Creates a hit.
  public init(
    rule: String, category: String?, score: Double, description: String, match: String?, start: Int?, end: Int?,
    count: Int = 1
  ) {
    self.rule = rule
    self.category = category
    self.score = score
    self.description = description
    self.match = match
    self.start = start
    self.end = end
    self.count = count
  }
}
