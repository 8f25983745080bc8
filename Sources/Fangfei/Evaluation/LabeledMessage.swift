/// One row of a labelled corpus: a message and what a person said it is.
///
/// A row is *positive* for an ``Evaluator`` when its `label` is one of the evaluator's positive
/// labels (`scam` by default) and *negative* otherwise (`ham`, `benign`, `spam`, anything else).
/// ``LabeledMessageReader`` reads rows from JSON Lines.
public struct LabeledMessage: Sendable, Hashable, Codable {
  /// The row's id, e.g. `zh-0001`; ``EvaluationSplit`` looks at its last character.
  public var id: String
  /// The label, e.g. `scam`, `ham`, `benign` or `spam`.
  public var label: String
  /// A finer category within the label (the source's own name), or nil.
  public var category: String?
  /// The message, as written.
  public var text: String

  /// Creates a row.
  public init(id: String, label: String, category: String? = nil, text: String) {
    self.id = id
    self.label = label
    self.category = category
    self.text = text
  }
}
